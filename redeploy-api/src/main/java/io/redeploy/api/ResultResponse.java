package io.redeploy.api;

/** The answer to a call that returns nothing but success. */
public record ResultResponse(int result) {

	public static ResultResponse ok() {
		return new ResultResponse(ApiResult.OK.code());
	}

}
