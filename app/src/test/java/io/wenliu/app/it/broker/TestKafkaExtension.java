package io.wenliu.app.it.broker;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands one shared {@link TestKafka.Broker} to every test method, lifecycle method or constructor of a
 * class annotated {@code @ExtendWith(TestKafkaExtension.class)} that declares a parameter of that type.
 *
 * <p>The broker starts on first use and is closed once, when the test run of this JVM ends (JUnit closes
 * {@link AutoCloseable} values of the root store), so a Failsafe fork pays the start-up once. Tests share
 * it: give every test its own topic names, consumer groups and transactional ids.
 */
public final class TestKafkaExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestKafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestKafka.Broker.class;
    }

    @Override
    public TestKafka.Broker resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestKafka.Broker.class, type -> TestKafka.start(), TestKafka.Broker.class);
    }
}
