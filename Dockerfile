# syntax=docker/dockerfile:1
# Livedesk in a container (docs/operations.md §Docker): built with Maven, run on a Java 17 JRE as a
# non-root user, its data directory a volume.

FROM maven:3.9-eclipse-temurin-17 AS build
# the pages' browser libraries come from npm during the build (src/build/vendor-web.sh)
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# the npm packages in a layer of their own: rebuilt only when the lockfile changes
COPY web/package.json web/package-lock.json web/
RUN cd web && npm ci --no-audit --no-fund --loglevel=error
COPY pom.xml ./
COPY src/main src/main
COPY src/build src/build
COPY config config
COPY web web
# tests need PostgreSQL, Redis and Chromium: they run in CI, not in the image build
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -Dmaven.test.skip=true package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/livedesk --no-create-home livedesk \
    && mkdir -p /var/lib/livedesk /etc/livedesk && chown livedesk:livedesk /var/lib/livedesk
COPY --from=build /src/target/livedesk.jar /opt/livedesk/livedesk.jar
COPY config/logging.properties /etc/livedesk/logging.properties
USER livedesk
WORKDIR /var/lib/livedesk
# 0.0.0.0 inside the container: give LIVEDESK_TLS_CERT and LIVEDESK_TLS_KEY (files mounted under
# /etc/livedesk), or LIVEDESK_ALLOW_PLAIN_HTTP=true behind a proxy that terminates TLS
ENV LIVEDESK_HOST=0.0.0.0 \
    LIVEDESK_PORT=8080 \
    LIVEDESK_DATA_DIR=/var/lib/livedesk \
    JAVA_OPTS="-XX:+UseZGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.config.file=/etc/livedesk/logging.properties"
VOLUME ["/var/lib/livedesk"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsk "$([ -n "$LIVEDESK_TLS_CERT" ] && echo https || echo http)://127.0.0.1:${LIVEDESK_PORT}/health" || exit 1
# exec: java gets SIGTERM from `docker stop` and drains
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/livedesk/livedesk.jar \"$@\"", "livedesk"]
