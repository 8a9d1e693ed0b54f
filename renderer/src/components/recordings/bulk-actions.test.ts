import { describe, expect, it } from 'vitest';
import { completedSession } from '../../testing/sessions';
import { outcomeText, runForEach } from './bulk-actions';

describe('acting on several recordings', () => {
  it('runs the action one at a time and names each refusal with its reason', async () => {
    const sessions = ['a', 'b', 'c'].map((id) => completedSession(id, { title: `Show ${id}` }));
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const outcome = await runForEach(
      sessions,
      async (id) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
        order.push(id);
        if (id === 'b') throw new Error('Session b is being transferred now.');
      },
      (s) => s.title ?? s.id,
    );
    expect(most).toBe(1);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(outcome).toEqual({
      done: 2,
      failed: [{ name: 'Show b', reason: 'Session b is being transferred now.' }],
    });
    expect(outcomeText(outcome, 'Deleted', 'deleted')).toBe(
      'Deleted 2 recordings; 1 could not be deleted.',
    );
  });

  it('says it plainly when all or none went through', () => {
    expect(outcomeText({ done: 1, failed: [] }, 'Queued', 'queued')).toBe('Queued 1 recording.');
    expect(
      outcomeText({ done: 0, failed: [{ name: 'x', reason: 'no' }] }, 'Queued', 'queued'),
    ).toBe('1 recording could not be queued.');
  });
});
