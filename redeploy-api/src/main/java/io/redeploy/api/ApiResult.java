package io.redeploy.api;

/**
 * The {@code result} codes of every answer, each with the HTTP status it travels with. 0 is success;
 * the rest are stable and documented in docs/api.md.
 */
public enum ApiResult {

	OK(0, 200),
	/** A parameter is missing, malformed or out of range. */
	INVALID_PARAMETER(100, 400),
	/** No valid session: missing, unknown, expired or signed out. */
	SESSION_REQUIRED(701, 401),
	/** Wrong login or password. */
	AUTHENTICATION_FAILED(702, 401),
	/** The session is valid but the object belongs to another user. */
	PERMISSION_DENIED(703, 403),
	/** The environment, node, snapshot or operation does not exist. */
	NOT_FOUND(404, 404),
	/** The method does not exist. */
	UNKNOWN_METHOD(405, 404),
	/** The name is taken or the node is busy with another change. */
	CONFLICT(409, 409),
	/** The body or a parameter is larger than allowed. */
	TOO_LARGE(413, 413),
	/** Too many failed sign-ins for the login lately; retry when the window has passed. */
	TOO_MANY_ATTEMPTS(429, 429),
	/** At least one node of a redeploy failed; each was rolled back (see its response). */
	REDEPLOY_FAILED(600, 500),
	/** The registry has no such image or tag. */
	IMAGE_NOT_FOUND(510, 502),
	/** The registry refused the login and password. */
	REGISTRY_AUTH_FAILED(511, 502),
	/** The Docker engine or a registry failed. */
	ENGINE_FAILURE(500, 500),
	/** An unexpected failure inside the service. */
	INTERNAL_ERROR(1, 500);

	private final int code;

	private final int httpStatus;

	ApiResult(int code, int httpStatus) {
		this.code = code;
		this.httpStatus = httpStatus;
	}

	public int code() {
		return this.code;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

}
