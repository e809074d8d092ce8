package io.redeploy.core.environment;

/**
 * Puts a node's changed configuration into effect by replacing its container. Called with the node's
 * lock held; returns the node as stored afterwards.
 */
public interface NodeReplacer {

	Node replace(Environment environment, Node changed);

}
