#!/usr/bin/env bash
# Builds the Docker images the integration tests (and a local `docker compose`) need, without Docker Hub:
#
#   wenliu/base:bookworm      Debian bookworm (minbase) + OpenJDK 17 JRE + bash, from the apt mirror
#                             this machine already uses (debootstrap, then `docker import`)
#   wenliu/tiny:busybox       Debian's busybox-static: Testcontainers' "tiny image" for host probes
#   wenliu/kafka:<version>    Apache Kafka (KRaft) with its jars resolved from Maven Central, laid out
#                             like the official apache/kafka image (/etc/kafka/docker/run, /opt/kafka)
#   wenliu/app:dev            the Wenliu app from app/target/wenliu.jar (only when that jar exists)
#
# Idempotent: an image that already exists is skipped (FORCE=1 rebuilds all). Needs root, a running
# Docker engine, debootstrap, busybox-static, Maven and network access to the Debian mirror and to
# Maven Central. Usage: docker/build-images.sh [base|tiny|kafka|app ...]   (default: all)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KAFKA_VERSION=${KAFKA_VERSION:-4.3.1}
SUITE=${DEBIAN_SUITE:-bookworm}
BASE_IMAGE=${WENLIU_BASE_IMAGE:-wenliu/base:${SUITE}}
TINY_IMAGE=${WENLIU_TINY_IMAGE:-wenliu/tiny:busybox}
KAFKA_IMAGE=${WENLIU_KAFKA_IMAGE:-wenliu/kafka:${KAFKA_VERSION}}
APP_IMAGE=${WENLIU_APP_IMAGE:-wenliu/app:dev}
WORK=${WENLIU_IMAGE_WORK_DIR:-$ROOT/docker/target}
FORCE=${FORCE:-0}
# The legacy builder: BuildKit is not part of Debian's docker.io and is not needed here.
export DOCKER_BUILDKIT=0

log() { printf '[build-images %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }

exists() {
    [[ $FORCE == 1 ]] && return 1
    docker image inspect "$1" >/dev/null 2>&1
}

# The Debian mirror apt uses on this machine (deb822 .sources or one-line .list), so the image is
# built from the same place as the host's packages; DEBIAN_MIRROR overrides it.
debian_mirror() {
    if [[ -n ${DEBIAN_MIRROR:-} ]]; then
        echo "$DEBIAN_MIRROR"
        return
    fi
    local uri
    uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }')
    if [[ -z $uri ]]; then
        uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:.*\/debian\/?$/) { print $i; exit } }')
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

build_base() {
    if exists "$BASE_IMAGE"; then
        log "$BASE_IMAGE exists, skipped"
        return
    fi
    command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install -y debootstrap"
    local mirror rootfs
    mirror=$(debian_mirror)
    rootfs="$WORK/base-rootfs"
    rm -rf "$rootfs"
    mkdir -p "$rootfs"
    log "debootstrap $SUITE (minbase + openjdk-17-jre-headless, bash) from $mirror"
    debootstrap --variant=minbase --include=openjdk-17-jre-headless,bash,ca-certificates \
        "$SUITE" "$rootfs" "$mirror" > "$WORK/debootstrap.log" 2>&1 \
        || { tail -30 "$WORK/debootstrap.log" >&2; die "debootstrap failed (log: $WORK/debootstrap.log)"; }
    # an image needs no package cache, and the apt lists are stale the day after
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*
    local java_home
    java_home=$(cd "$rootfs" && ls -d usr/lib/jvm/java-17-openjdk-* | sed -n 1p)
    [[ -n $java_home ]] || die "no JDK under $rootfs/usr/lib/jvm"
    java_home=/$java_home
    log "importing $rootfs as $BASE_IMAGE (JAVA_HOME=$java_home)"
    tar -C "$rootfs" -c . | docker import \
        --change "ENV JAVA_HOME=$java_home" \
        --change 'ENV LANG=C.UTF-8' \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' \
        - "$BASE_IMAGE" >/dev/null
    rm -rf "$rootfs"
    docker run --rm "$BASE_IMAGE" java -version 2>&1 | sed -n 1p | sed 's/^/  base: /'
}

build_tiny() {
    if exists "$TINY_IMAGE"; then
        log "$TINY_IMAGE exists, skipped"
        return
    fi
    [[ -x /bin/busybox ]] || die "/bin/busybox is missing: apt-get install -y busybox-static"
    /bin/busybox --list >/dev/null
    ldd /bin/busybox >/dev/null 2>&1 && die "/bin/busybox is dynamically linked; install busybox-static"
    local rootfs="$WORK/tiny-rootfs"
    rm -rf "$rootfs"
    mkdir -p "$rootfs"/{bin,etc,tmp,proc,sys,dev,root}
    chmod 1777 "$rootfs/tmp"
    cp /bin/busybox "$rootfs/bin/busybox"
    local applet
    for applet in $(/bin/busybox --list); do
        [[ $applet == busybox ]] || ln -s busybox "$rootfs/bin/$applet"
    done
    echo 'root:x:0:0:root:/root:/bin/sh' > "$rootfs/etc/passwd"
    echo 'root:x:0:' > "$rootfs/etc/group"
    log "importing busybox $(/bin/busybox | sed -n 1p | awk '{print $2}') as $TINY_IMAGE"
    tar -C "$rootfs" -c . | docker import \
        --change 'ENV PATH=/bin' --change 'CMD ["sh"]' - "$TINY_IMAGE" >/dev/null
    rm -rf "$rootfs"
    docker run --rm "$TINY_IMAGE" sh -c 'echo "  tiny: $(uname -s) busybox ok"'
}

build_kafka() {
    if exists "$KAFKA_IMAGE"; then
        log "$KAFKA_IMAGE exists, skipped"
        return
    fi
    exists "$BASE_IMAGE" || FORCE=0 build_base
    local context="$ROOT/docker/kafka"
    log "resolving Kafka $KAFKA_VERSION jars from Maven Central"
    rm -rf "$context/target/libs"
    mvn -B -q -Dstyle.color=never -f "$context/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$context/target/libs"
    log "$(ls "$context/target/libs" | wc -l) jars, $(du -sh "$context/target/libs" | cut -f1); building $KAFKA_IMAGE"
    docker build -q --build-arg BASE_IMAGE="$BASE_IMAGE" --build-arg KAFKA_VERSION="$KAFKA_VERSION" \
        -t "$KAFKA_IMAGE" "$context" >/dev/null
}

build_app() {
    if exists "$APP_IMAGE"; then
        log "$APP_IMAGE exists, skipped"
        return
    fi
    if [[ ! -f $ROOT/app/target/wenliu.jar ]]; then
        log "app/target/wenliu.jar not built yet (mvn -B package -DskipTests), $APP_IMAGE skipped"
        return
    fi
    exists "$BASE_IMAGE" || FORCE=0 build_base
    log "building $APP_IMAGE from app/target/wenliu.jar"
    docker build -q --build-arg BASE_IMAGE="$BASE_IMAGE" -f "$ROOT/docker/app/Dockerfile" \
        -t "$APP_IMAGE" "$ROOT" >/dev/null
}

docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd first)"
mkdir -p "$WORK"
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(base tiny kafka app)
for target in "${targets[@]}"; do
    started=$SECONDS
    case $target in
        base) build_base ;;
        tiny) build_tiny ;;
        kafka) build_kafka ;;
        app) build_app ;;
        *) die "unknown image '$target' (base, tiny, kafka or app)" ;;
    esac
    log "$target: $((SECONDS - started)) s"
done
