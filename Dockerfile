# Runtime image for the redeploy service. The jar is built on the host first:
#
#   mvn -DskipTests package          # -> redeploy-app/target/redeploy-app.jar
#   docker build -t redeploy .       # or: docker-compose up --build
#
# .dockerignore keeps everything but that jar out of the build context.
FROM eclipse-temurin:17-jre

WORKDIR /app
COPY redeploy-app/target/redeploy-app.jar /app/redeploy-app.jar

# Archives of removed environments (mount a volume here, see docker-compose.yml).
RUN mkdir -p /var/lib/redeploy/archives

EXPOSE 8080
# Runs as root: it drives the host's Docker engine through the mounted /var/run/docker.sock.
ENTRYPOINT ["java", "-jar", "/app/redeploy-app.jar"]
