package io.redeploy.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.tools.attach.VirtualMachine;

/**
 * Watches the service's heap from outside: attaches to its JVM (the JDK's Attach API starts the local
 * JMX agent), then over a window records the peak of the heap pools (reset at the start) and, from
 * every collection's notification, the largest heap left in use after a GC, i.e. what the work kept
 * alive rather than the garbage it made.
 */
final class HeapProbe implements AutoCloseable {

	private final JMXConnector connector;

	private final MemoryMXBean memory;

	private final List<MemoryPoolMXBean> heapPools;

	private final Set<String> heapPoolNames;

	private final AtomicLong maxAfterGc = new AtomicLong();

	private final AtomicLong maxBeforeGc = new AtomicLong();

	private final AtomicLong collections = new AtomicLong();

	private HeapProbe(JMXConnector connector, MBeanServerConnection server) throws IOException {
		this.connector = connector;
		this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
		this.heapPools = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();
		this.heapPoolNames = Set.copyOf(this.heapPools.stream().map(MemoryPoolMXBean::getName).toList());
		NotificationListener listener = this::collected;
		try {
			for (ObjectName gc : server.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null)) {
				server.addNotificationListener(gc, listener, null, null);
			}
		}
		catch (javax.management.JMException ex) {
			throw new BenchException("Cannot listen to the service's collections", ex);
		}
	}

	static HeapProbe attach(long pid) {
		try {
			VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
			String address;
			try {
				address = vm.startLocalManagementAgent();
			}
			finally {
				vm.detach();
			}
			JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
			return new HeapProbe(connector, connector.getMBeanServerConnection());
		}
		catch (Exception ex) {
			throw new BenchException("Cannot attach to the service's JVM (pid " + pid + "): " + ex, ex);
		}
	}

	/** Starts a window: a full GC first, so that every window starts from the same live heap. */
	void start() {
		this.memory.gc();
		// the full GC's own notification comes asynchronously; let it land before the window opens
		Service.sleep(500);
		this.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
		this.maxAfterGc.set(this.memory.getHeapMemoryUsage().getUsed());
		this.maxBeforeGc.set(0);
		this.collections.set(0);
	}

	/** Ends the window. */
	HeapUse stop() {
		long peaks = this.heapPools.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
		MemoryUsage heap = this.memory.getHeapMemoryUsage();
		return new HeapUse(Math.max(peaks, this.maxBeforeGc.get()), this.maxAfterGc.get(), heap.getCommitted(),
				heap.getMax(), this.collections.get());
	}

	@Override
	public void close() {
		try {
			this.connector.close();
		}
		catch (IOException ex) {
			// the service may be gone already
		}
	}

	private void collected(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
		this.maxBeforeGc.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
		this.maxAfterGc.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc()), Math::max);
		this.collections.incrementAndGet();
	}

	private long heapUsed(Map<String, MemoryUsage> pools) {
		return pools.entrySet()
			.stream()
			.filter((e) -> this.heapPoolNames.contains(e.getKey()))
			.mapToLong((e) -> e.getValue().getUsed())
			.sum();
	}

	/**
	 * @param peak the heap's high-water mark: the larger of the pools' summed peaks and the heap just
	 * before any collection
	 * @param maxAfterGc the most heap any collection left in use: what was kept alive
	 */
	record HeapUse(long peak, long maxAfterGc, long committed, long max, long collections) {

		static double mib(long bytes) {
			return bytes / (1024.0 * 1024.0);
		}

	}

}
