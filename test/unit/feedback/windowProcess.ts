// Started as a separate process by outboxFiles.test.ts: one editor window sending from a shared
// outbox file until nothing is pending. Prints the submission ids this process delivered, as JSON.
import { Outbox, deliver } from '../../../src/core/feedback';

async function main(file: string): Promise<void> {
  const outbox = new Outbox({ file, deliver: (c, p) => deliver(c, p, { timeoutMs: 5000 }), random: () => 0 });
  const delivered: string[] = [];
  let busy = 0;
  for (let round = 0; round < 2000; round++) {
    const report = await outbox.processDue();
    delivered.push(...report.delivered.map((d) => d.submissionId));
    if (report.busy) busy++;
    if ((await outbox.pendingCount()) === 0) break;
    await new Promise((r) => setTimeout(r, report.busy ? 10 : 1));
  }
  process.stdout.write(JSON.stringify({ delivered, busy }));
}

void main(process.argv[2]!);
