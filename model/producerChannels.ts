// Which producer channels a broker has registered, as RocketMQ's ProducerManager keeps them, computed from the
// producers' lifecycle (start, crash, restart) without events of its own:
// - a producer registers a channel when it (re)starts (its first heartbeat) and heartbeats every 30 s
//   (ClientConfig.heartbeatBrokerInterval);
// - a `process` crash closes the TCP connection: ClientHousekeepingService.onChannelClose ->
//   ProducerManager.doChannelCloseEvent removes the channel at once;
// - a `machine` crash closes nothing: the channel stays registered, and looks active, until the housekeeping scan
//   (every 10 s) finds it `System.currentTimeMillis() - info.getLastUpdateTimestamp() > CHANNEL_EXPIRED_TIMEOUT`
//   (120 s) after its last heartbeat (ProducerManager.scanNotActiveChannel). Checks sent to it meanwhile are lost.
// ProducerManager.getAvailableChannel picks round-robin among the group's registered channels; none -> the check
// is skipped ("channel is null") but its count has already burned (the copy is re-put first).
// Partitions are not tracked: a partitioned producer's channel stays registered (its checks are lost on the link).
// The same registry serves consumer groups (ConsumerManager: the same close and 120 s expiry rules), whose live
// instances decide the queue allocation at each rebalance.

/** ClientConfig.heartbeatBrokerInterval. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** ClientHousekeepingService scan period. */
export const HOUSEKEEPING_SCAN_MS = 10_000;

interface Channel {
  readonly producer: string;
  readonly openedMs: number;
  /** When the broker drops it (Infinity while the producer lives). */
  closedMs: number;
}

/**
 * The registered channels of the producer group, in registration order.
 *
 * @example
 * const channels = new ProducerChannels(['producer-1', 'producer-2'], 120_000);
 * channels.down('producer-1', 'process', 50); // removed at once
 * channels.registered(60); // ['producer-2']
 */
export class ProducerChannels {
  private readonly channels: Channel[];

  constructor(
    producers: readonly string[],
    private readonly expiryMs: number,
  ) {
    this.channels = producers.map((producer) => ({ producer, openedMs: 0, closedMs: Infinity }));
  }

  /**
   * A client went down at `at`: its open channel closes now (process) or when the broker expires it (machine).
   * Returns when the broker drops it.
   */
  down(producer: string, kind: 'machine' | 'process', at: number): number {
    let closed = at;
    for (const channel of this.channels) {
      if (channel.producer !== producer || channel.closedMs !== Infinity) continue;
      channel.closedMs = kind === 'process' ? at : this.expiresAt(channel.openedMs, at);
      closed = channel.closedMs;
    }
    return closed;
  }

  /** A producer (re)started at `at`: it registers a new channel with its first heartbeat. */
  up(producer: string, at: number): void {
    if (this.channels.some((c) => c.producer === producer && c.closedMs === Infinity)) return;
    this.channels.push({ producer, openedMs: at, closedMs: Infinity });
  }

  /** The producers behind the channels registered at `now` (a producer may appear twice: a dead and a new channel). */
  registered(now: number): string[] {
    const out: string[] = [];
    for (const channel of this.channels) if (channel.openedMs <= now && now < channel.closedMs) out.push(channel.producer);
    return out;
  }

  /** Of `clients`, those with a registered channel at `now`, in the given order (ConsumerManager's view of a group). */
  live(clients: readonly string[], now: number): readonly string[] {
    // Called per rebalance and allocation; usually every client is live, so answer with `clients` itself, allocating
    // a copy only when one is missing.
    let out: string[] | undefined;
    for (let i = 0; i < clients.length; i++) {
      const client = clients[i] as string;
      if (this.isRegistered(client, now)) out?.push(client);
      else out ??= clients.slice(0, i);
    }
    return out ?? clients;
  }

  /** Whether `client` has a channel registered at `now`. */
  private isRegistered(client: string, now: number): boolean {
    for (const channel of this.channels) {
      if (channel.producer === client && channel.openedMs <= now && now < channel.closedMs) return true;
    }
    return false;
  }

  /** The first housekeeping scan more than expiryMs after the last heartbeat before `crashAt`. */
  private expiresAt(openedMs: number, crashAt: number): number {
    const lastHeartbeat = openedMs + Math.floor((crashAt - openedMs) / HEARTBEAT_INTERVAL_MS) * HEARTBEAT_INTERVAL_MS;
    return (Math.floor((lastHeartbeat + this.expiryMs) / HOUSEKEEPING_SCAN_MS) + 1) * HOUSEKEEPING_SCAN_MS;
  }
}
