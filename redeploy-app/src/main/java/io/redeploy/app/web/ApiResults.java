package io.redeploy.app.web;

import io.redeploy.api.ApiResult;
import io.redeploy.core.RedeployException;

/** The API's result for a failure of the core, for callers that answer it inside a larger answer. */
public final class ApiResults {

	private ApiResults() {
	}

	public static ApiResult of(RedeployException ex) {
		return ApiExceptionHandler.resultOf(ex);
	}

	/** The result with this code; unknown codes count as an internal error. */
	public static ApiResult ofCode(int code) {
		for (ApiResult result : ApiResult.values()) {
			if (result.code() == code) {
				return result;
			}
		}
		return ApiResult.INTERNAL_ERROR;
	}

}
