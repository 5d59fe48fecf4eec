# Build: the Maven wrapper makes the runnable (shaded) jar.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY templates templates
RUN ./mvnw -B -q package -DskipTests && cp target/tidings-*-SNAPSHOT.jar /tidings.jar

# Run: a JRE, the jar, and the templates on disk where operators can replace them.
FROM eclipse-temurin:17-jre
RUN useradd --system --home /app tidings && mkdir -p /app/data && chown tidings /app/data
WORKDIR /app
COPY --from=build /tidings.jar /app/tidings.jar
COPY templates /app/templates
COPY src/main/jvm/tidings.options /app/tidings.options
# One training start writes an AppCDS archive of the classes a start loads; with it the service
# is healthy in about half the time (README, "Benchmarks").
RUN set -e; DATA_DIR=/tmp/training java @/app/tidings.options -XX:ArchiveClassesAtExit=/app/tidings.jsa -jar /app/tidings.jar > /tmp/training.log 2>&1 & \
    pid=$!; for i in $(seq 1 120); do grep -q "Startup completed" /tmp/training.log && break; sleep 0.5; done; \
    kill -TERM $pid; wait $pid || true; test -s /app/tidings.jsa; rm -rf /tmp/training /tmp/training.log
USER tidings
ENV DATA_DIR=/app/data TEMPLATES_DIR=/app/templates
EXPOSE 8080
ENTRYPOINT ["java", "@/app/tidings.options", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/tidings.jsa", "-jar", "/app/tidings.jar"]
