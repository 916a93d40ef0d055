# One image per service, all built from this repository:
#   docker build --target orchestrator -t atelier/orchestrator .
#   docker build --target worker       -t atelier/worker .
#   docker build --target dashboard    -t atelier/dashboard .
# (docker compose builds all three.)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY schemas/pom.xml schemas/
COPY embedded/pom.xml embedded/
COPY worker/pom.xml worker/
COPY orchestrator/pom.xml orchestrator/
COPY dashboard/pom.xml dashboard/
COPY cli/pom.xml cli/
RUN mvn -B -q dependency:go-offline -DskipTests || true
COPY . .
RUN mvn -B -q -DskipTests package

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl libtcmalloc-minimal4 \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home atelier
WORKDIR /app
# tcmalloc instead of glibc's allocator: PyTorch's CPU tensors reuse pages instead of faulting them in again every batch
# (steadier, often much faster CPU training; docs/engine.md#native-memory-allocator).
ENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD=17179869184
COPY --from=build /src/cli/target/classes /app/classes
COPY --from=build /src/cli/target/lib /app/lib
ENV JAVA_OPTS="-Xmx2g"
USER atelier
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -Dai.djl.offline=true -cp /app/classes:/app/lib/* dev.atelier.cli.Main \"$@\"", "atelier"]

FROM runtime AS orchestrator
EXPOSE 8081
CMD ["orchestrator"]

FROM runtime AS dashboard
EXPOSE 8080
CMD ["dashboard"]

FROM runtime AS worker
USER root
RUN apt-get update && apt-get install -y --no-install-recommends dataset-fashion-mnist && rm -rf /var/lib/apt/lists/*
USER atelier
ENV JAVA_OPTS="-Xmx6g"
CMD ["worker"]
