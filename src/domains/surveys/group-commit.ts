/**
 * Group commit for a hot endpoint: calls to `submit` are gathered and run as one batch by `run`
 * (one statement, one commit, one fsync for all of them), each caller's promise settling with its
 * own result only after `run` has returned, so an acknowledged item is as durable as if it had been
 * written alone.
 *
 * Batches form by themselves, without a timer: an item waits only for the end of the current turn
 * of the event loop (`setImmediate`, so the requests parsed from one read of the sockets go
 * together), or, when `maxInFlight` batches are already running, for one of them to finish. At low
 * traffic that adds no latency; under load the batches grow to what the database can absorb.
 */
export class GroupCommit<I, O> {
  private pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  /**
   * @param run does the work for a batch and answers one result (or an Error for that item alone)
   *   per item, in order; if it throws, every item of the batch fails with that error.
   */
  constructor(
    private readonly run: (items: I[]) => Promise<(O | Error)[]>,
    private readonly limits: { maxBatch: number; maxInFlight: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.pending.length === 0) return;
    if (this.inFlight >= this.limits.maxInFlight) return; // the next finish flushes
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush() {
    while (this.pending.length > 0 && this.inFlight < this.limits.maxInFlight) {
      const batch = this.pending.splice(0, this.limits.maxBatch);
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async runBatch(batch: GroupCommit<I, O>["pending"]) {
    try {
      const results = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        const r = results[i];
        if (r instanceof Error) b.reject(r);
        else if (r === undefined) b.reject(new Error("group commit: no result for an item"));
        else b.resolve(r);
      });
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
}
