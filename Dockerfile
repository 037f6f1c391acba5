# One image per service, from the jar Maven packaged (./mvnw package first):
#
#   docker build --build-arg SERVICE=order-service --build-arg PORT=8081 -t shop/order-service .
#
# ci/image does this with the version, git revision and source labels filled in; docker compose build does it
# for every service. Base images are build arguments whose defaults are the public images; a machine without a
# registry passes local stand-ins (docker/standins/build).
ARG JRE_IMAGE=eclipse-temurin:17-jre

# Stage 1: unpack the fat jar into Spring Boot's layers (dependencies change less often than the code).
FROM ${JRE_IMAGE} AS layers
ARG SERVICE
ARG VERSION=0.1.0-SNAPSHOT
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-${VERSION}.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# Stage 2: the runtime image, layers copied from least to most often changed.
FROM ${JRE_IMAGE}
ARG SERVICE
ARG PORT
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="shop ${SERVICE}, a Spring Boot service" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="Apache-2.0"

# A fixed, unprivileged uid, so that files mounted into the container (the token signing key) can be made
# readable by this user alone.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home --shell /usr/sbin/nologin shop
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./

# Memory from the container's limit (not the host's), and a JVM that ends, to be restarted, rather than limps on
# after running out of memory; then the service's own options from <service>/jvm.options (the file run-local.sh
# and the system tests use), which win, except heap sizes: a fixed heap there is for a laptop running all five
# services, while in a container the heap follows the limit. More options for one deployment: JDK_JAVA_OPTIONS
# in the environment (read before this file, so they do not win over it).
COPY ${SERVICE}/jvm.options /tmp/service.jvm.options
RUN { printf '%s\n' '-XX:MaxRAMPercentage=75' '-XX:InitialRAMPercentage=25' '-XX:+ExitOnOutOfMemoryError'; \
      grep -vE '^[[:space:]]*-(Xm[nsx]|XX:(Initial|Max|Min)HeapSize=)' /tmp/service.jvm.options || true; } > jvm.options; \
    rm /tmp/service.jvm.options

# Training run: start the application up to the end of its context refresh, with no config server and an
# embedded database in a throw-away folder, and record the loaded classes. JDK 24+ writes an AOT cache
# (-XX:AOTCacheOutput), older JDKs a dynamic CDS archive; either roughly halves the start-up time. The values
# given here only satisfy required placeholders for this run: none is a secret, none stays in the image.
RUN training="-Dspring.context.exit=onRefresh -Dspring.cloud.config.enabled=false -Dshop.data-dir=/tmp/training \
      -DORDER_SERVICE_CLIENT_SECRET=training-run-1 -DOPS_CLIENT_SECRET=training-run-2 \
      -DCONFIG_SERVER_PASSWORD=training-run-3 -DCONFIG_ADMIN_PASSWORD=training-run-4"; \
    if java -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput; then \
      java @jvm.options -XX:AOTCacheOutput=app.aot $training -jar app.jar > /tmp/training.log 2>&1 \
        && echo '-XX:AOTCache=app.aot' >> jvm.options; \
    else \
      java @jvm.options -XX:ArchiveClassesAtExit=app.jsa $training -jar app.jar > /tmp/training.log 2>&1 \
        && echo '-XX:SharedArchiveFile=app.jsa' >> jvm.options; \
    fi || { cat /tmp/training.log; exit 1; }; \
    rm -rf /tmp/training /tmp/training.log

USER shop
# Two glibc malloc arenas instead of up to eight per core: less resident memory, the heap is not malloc'ed.
ENV SERVER_PORT=${PORT} \
    MALLOC_ARENA_MAX=2
EXPOSE ${PORT}
# Ready means the readiness group is UP. A bash probe, because JRE images need not carry curl or wget.
HEALTHCHECK --interval=5s --timeout=3s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/app.jar"]
