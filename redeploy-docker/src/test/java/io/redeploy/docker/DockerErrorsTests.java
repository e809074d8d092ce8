package io.redeploy.docker;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;

import javax.net.ssl.SSLHandshakeException;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.redeploy.core.redeploy.ArchiveChecksumException;
import io.redeploy.core.runtime.ContainerEngineUnavailableException;
import io.redeploy.core.runtime.ContainerNotFoundException;
import io.redeploy.core.runtime.ContainerPathNotFoundException;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ImageNotFoundException;
import io.redeploy.core.runtime.ImageRef;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DockerErrorsTests {

	private static final ImageRef IMAGE = ImageRef.parse("registry.example:5000/shop/web:2.0");

	@Test
	void engineMessageDropsStatusPrefixAndJsonWrapping() {
		NotFoundException ex = new NotFoundException("{\"message\":\"No such container: web\"}\n");

		assertThat(DockerErrors.engineMessage(ex)).isEqualTo("No such container: web");
	}

	@Test
	void engineMessageUnescapesJson() {
		ConflictException ex = new ConflictException(
				"{\"message\":\"Conflict. The container name \\\"/web\\\" is already in use \\u003cid\\u003e\"}");

		assertThat(DockerErrors.engineMessage(ex)).isEqualTo("Conflict. The container name \"/web\" is already in use <id>");
	}

	@Test
	void engineMessageKeepsBodyThatIsNotJson() {
		assertThat(DockerErrors.engineMessage(new ConflictException("plain words"))).isEqualTo("plain words");
	}

	@Test
	void notFoundMeansWhatTheTargetSays() {
		NotFoundException noContainer = new NotFoundException("{\"message\":\"No such container: web\"}");
		NotFoundException noPath = new NotFoundException("{\"message\":\"Could not find the file /x in container web\"}");
		NotFoundException noImage = new NotFoundException("{\"message\":\"No such image: shop/web:2.0\"}");
		NotFoundException noNetwork = new NotFoundException("{\"message\":\"network shop not found\"}");

		assertThat(translate(Target.container("web"), noContainer)).isInstanceOf(ContainerNotFoundException.class)
			.hasCause(noContainer);
		assertThat(translate(Target.container("web"), noNetwork)).isExactlyInstanceOf(ContainerRuntimeException.class)
			.hasMessageContaining("network shop not found");
		assertThat(translate(Target.path("web", "/x"), noPath)).isInstanceOf(ContainerPathNotFoundException.class)
			.hasMessageContaining("/x");
		assertThat(translate(Target.path("web", "/x"), noContainer)).isInstanceOf(ContainerNotFoundException.class);
		assertThat(translate(Target.image(IMAGE), noImage)).isInstanceOf(ImageNotFoundException.class);
		assertThat(translate(Target.newContainer("web", IMAGE), noImage)).isInstanceOf(ImageNotFoundException.class);
		assertThat(translate(Target.newContainer("web", IMAGE), noNetwork))
			.isExactlyInstanceOf(ContainerRuntimeException.class);
		assertThat(translate(Target.volume("data"), new NotFoundException("gone")))
			.isExactlyInstanceOf(ContainerRuntimeException.class)
			.hasMessageContaining("volume data");
	}

	@Test
	void refusalNamesActionTargetStatusAndEngineMessage() {
		ConflictException conflict = new ConflictException("{\"message\":\"name in use\"}");

		assertThat(translate(Target.newContainer("web", IMAGE), conflict)).isExactlyInstanceOf(ContainerRuntimeException.class)
			.hasMessage("Docker refused to create container web (registry.example:5000/shop/web:2.0) (HTTP 409): name in use")
			.hasCause(conflict);
	}

	@Test
	void anEngineThatCannotBeReachedIsToldApartFromOneThatRefuses() {
		RuntimeException refused = new RuntimeException(new ConnectException("Connection refused"));
		RuntimeException noSocket = new RuntimeException(new SocketException("No such file or directory"));
		RuntimeException dropped = new RuntimeException(new NoHttpResponseException("localhost:2375 failed to respond"));
		RuntimeException cutShort = new RuntimeException(new ConnectionClosedException("Premature end of chunk coded message body"));
		RuntimeException stale = new RuntimeException(new IOException("Broken pipe"));

		assertThat(translate(Target.engine(), refused)).isExactlyInstanceOf(ContainerEngineUnavailableException.class)
			.hasMessage("The Docker engine cannot be reached to ping the Docker engine: ConnectException: Connection refused")
			.hasCause(refused);
		assertThat(translate(Target.container("web"), noSocket)).isInstanceOf(ContainerEngineUnavailableException.class)
			.hasMessageContaining("to ping container web: SocketException: No such file or directory");
		assertThat(translate(Target.container("web"), dropped)).isInstanceOf(ContainerEngineUnavailableException.class);
		assertThat(translate(Target.container("web"), cutShort)).isInstanceOf(ContainerEngineUnavailableException.class);
		assertThat(translate(Target.container("web"), stale)).isInstanceOf(ContainerEngineUnavailableException.class);
	}

	@Test
	void aTimeoutOrAClientSideFailureIsNotAnEngineThatCannotBeReached() {
		RuntimeException slow = new RuntimeException(new SocketTimeoutException("Read timed out"));
		RuntimeException client = new DockerClientException("bad request body");
		RuntimeException garbled = new RuntimeException(new IOException("protocol", new ProtocolException("Invalid status line")));
		RuntimeException tls = new RuntimeException(new SSLHandshakeException("PKIX path building failed"));

		assertThat(translate(Target.engine(), slow)).isExactlyInstanceOf(ContainerRuntimeException.class)
			.hasMessage("Could not ping the Docker engine: SocketTimeoutException: Read timed out");
		assertThat(translate(Target.engine(), client)).isExactlyInstanceOf(ContainerRuntimeException.class);
		assertThat(translate(Target.engine(), garbled)).isExactlyInstanceOf(ContainerRuntimeException.class);
		assertThat(translate(Target.engine(), tls)).isExactlyInstanceOf(ContainerRuntimeException.class);
	}

	@Test
	void aCoreExceptionThrownByAStreamWeHandedInComesBackOutAsItIs() {
		ArchiveChecksumException damaged = new ArchiveChecksumException(Path.of("/archives/a.tar.gz"), "aa", "bb");

		assertThatExceptionOfType(ArchiveChecksumException.class)
			.isThrownBy(() -> DockerErrors.run(Target.path("web", "/"), "copy into", () -> {
				throw damaged;
			}))
			.isSameAs(damaged);
	}

	@Test
	void coreExceptionsPassThroughUntranslated() {
		ContainerRuntimeException ours = new ContainerNotFoundException("web");

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> DockerErrors.run(Target.container("other"), "start", () -> {
				throw ours;
			}))
			.isSameAs(ours);
	}

	private static ContainerRuntimeException translate(Target target, RuntimeException ex) {
		String action = (target instanceof Target.NewContainer) ? "create" : "ping";
		return DockerErrors.translate(target, action, ex);
	}

}
