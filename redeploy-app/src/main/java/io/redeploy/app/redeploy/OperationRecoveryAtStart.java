package io.redeploy.app.redeploy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import io.redeploy.core.redeploy.ArchiveSweep;
import io.redeploy.core.redeploy.OperationRecovery;

/**
 * Puts the nodes of operations interrupted by a stop or crash back in order before the service takes
 * requests, then deletes the archives nothing needs any more: this runs once every bean (the schema migration included) exists, before the web server
 * starts, so that no new operation can be mistaken for an interrupted one.
 */
@Component
class OperationRecoveryAtStart implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(OperationRecoveryAtStart.class);

	private final OperationRecovery recovery;

	private final ArchiveSweep sweep;

	OperationRecoveryAtStart(OperationRecovery recovery, ArchiveSweep sweep) {
		this.recovery = recovery;
		this.sweep = sweep;
	}

	@Override
	public void afterSingletonsInstantiated() {
		int recovered = this.recovery.recoverAll();
		if (recovered > 0) {
			logger.warn("Recovered {} operation(s) interrupted by the last stop of the service", recovered);
		}
		this.sweep.sweep();
	}

}
