package io.redeploy.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.redeploy.api.ApiResult;

/**
 * The {@code jelastic} command: the service's HTTP API from a shell or a pipeline. Exits 0 when the
 * call succeeded, 1 when the service answered an error (or a redeploy failed, or it cannot be reached),
 * 2 when the command line is wrong.
 */
public final class Cli {

	static final String DEFAULT_URL = "http://localhost:8080";

	static final long POLL_MILLIS = 500;

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	static final String USAGE = """
			Usage: jelastic <service> <class> <method> [--name value]...
			       jelastic <method> [--name value]...

			Calls /1.0/<service>/<class>/rest/<method> of the redeploy service; every --name value
			(or --name=value) is sent as a parameter, a --name without a value as name=true.

			  jelastic users authentication signin --login admin --password secret
			  jelastic environment control redeploycontainers --envName shop --nodeGroup cp --tag 2.0 \\
			      [--useExistingVolumes false] [--skipReinstall] [--sequential --delay 30 | --simultaneous]
			  jelastic rollbackcontainers --envName shop --nodeGroup cp

			Short forms: signin, signout, getenvs, getenvinfo, createenvironment, deleteenv, startenv,
			stopenv, restartnodes, execcmdbyid, execcmdbygroup, getcontainerenvvars, addcontainerenvvars,
			removecontainerenvvars, setcontainerrunconfig, redeploycontainers, redeploycontainersbygroup,
			redeploycontainerbyid, getbackups, restorebackup, rollbackcontainers, getoperation,
			getoperations, install (marketplace jps install).

			Options:
			  --url URL        the service (default: $REDEPLOY_URL, else the signed-in one, else %s)
			  --session FILE   where signin keeps the session (default: $REDEPLOY_SESSION, else
			                   ~/.config/redeploy/session); a 64-hex session itself is accepted too
			  --json           print the final JSON answer only
			  --help           this text

			Redeploys, rollbacks and restores show each node's progress, then a summary.
			Exit status: 0 success, 1 the service answered an error or a node failed, 2 usage error.
			""".formatted(DEFAULT_URL);

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> env;

	private Cli(PrintStream out, PrintStream err, Map<String, String> env) {
		this.out = out;
		this.err = err;
		this.env = env;
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err, System.getenv()));
	}

	/** Runs one command and answers the exit status; never exits the JVM. */
	public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
		Cli cli = new Cli(out, err, env);
		try {
			return cli.run(Invocation.parse(args));
		}
		catch (UsageException ex) {
			err.println("jelastic: " + ex.getMessage());
			err.println();
			err.print(USAGE);
			return 2;
		}
		catch (CliException ex) {
			err.println("jelastic: " + ex.getMessage());
			return 1;
		}
	}

	private int run(Invocation invocation) {
		if (invocation.help()) {
			this.out.print(USAGE);
			return 0;
		}
		SessionFile sessionFile = SessionFile.locate(invocation.session(), this.env);
		Optional<SessionFile.Saved> saved = sessionFile.read();
		String url = invocation.url()
			.or(() -> Optional.ofNullable(this.env.get("REDEPLOY_URL")).filter((value) -> !value.isBlank()))
			.or(() -> saved.map(SessionFile.Saved::url))
			.orElse(DEFAULT_URL);
		ApiConnection api = new ApiConnection(url, JSON);
		Map<String, String> parameters = new LinkedHashMap<>(invocation.parameters());
		String method = invocation.method();
		if (!method.equals("signin")) {
			saved.filter((session) -> session.belongsTo(api.url()))
				.ifPresent((session) -> parameters.putIfAbsent("session", session.session()));
		}
		if (method.equals("signin")) {
			return signIn(invocation, api, parameters, sessionFile);
		}
		if (Methods.isRedeploy(method)) {
			parameters.putIfAbsent("async", "true");
			return new RedeployFollower(api, JSON, this.out, this.err, invocation.json(), POLL_MILLIS)
				.follow(invocation.path(), parameters);
		}
		ApiConnection.Answer answer = api.post(invocation.path(), parameters);
		if (answer.result() != ApiResult.OK.code()) {
			return failed(invocation, answer);
		}
		if (method.equals("signout")) {
			sessionFile.delete();
		}
		this.out.println(JSON.writeValueAsString(answer.body()));
		return 0;
	}

	private int signIn(Invocation invocation, ApiConnection api, Map<String, String> parameters, SessionFile file) {
		ApiConnection.Answer answer = api.post(invocation.path(), parameters);
		if (answer.result() != ApiResult.OK.code()) {
			return failed(invocation, answer);
		}
		String session = answer.body().path("session").asString();
		String login = answer.body().path("login").asString();
		file.write(new SessionFile.Saved(api.url(), session, login));
		if (invocation.json()) {
			this.out.println(JSON.writeValueAsString(answer.body()));
		}
		else {
			this.out.println("Signed in to " + api.url() + " as " + login + " (" + answer.body().path("role").asString()
					+ ") until " + answer.body().path("expiresAt").asString() + "; session saved in "
					+ file.path().toAbsolutePath());
		}
		return 0;
	}

	private int failed(Invocation invocation, ApiConnection.Answer answer) {
		if (invocation.json()) {
			this.out.println(JSON.writeValueAsString(answer.body()));
		}
		this.err.println("jelastic: " + answer.error() + " (result " + answer.result() + ")");
		if (answer.result() == ApiResult.SESSION_REQUIRED.code()) {
			this.err.println("jelastic: sign in first: jelastic signin --login <login> --password <password>");
		}
		return 1;
	}

}
