package io.redeploy.core.access;

/** What a user may do: their own environments, or (an operator) every environment. */
public enum Role {

	USER, ADMIN

}
