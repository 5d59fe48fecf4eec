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
USER tidings
ENV DATA_DIR=/app/data TEMPLATES_DIR=/app/templates
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD wget -qO- http://localhost:8080/health >/dev/null 2>&1 || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/tidings.jar"]
