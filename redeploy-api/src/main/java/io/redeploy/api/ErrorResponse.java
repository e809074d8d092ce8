package io.redeploy.api;

/** The answer to a failed call: a non-zero {@code result} and a sentence saying what went wrong. */
public record ErrorResponse(int result, String error) {

	public static ErrorResponse of(ApiResult result, String error) {
		return new ErrorResponse(result.code(), error);
	}

}
