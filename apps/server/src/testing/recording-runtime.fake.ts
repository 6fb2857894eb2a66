import type {
  EventResult,
  ExternalEvent,
  IntakeContext,
  IntakeRequest,
  IntakeResult,
  RetryResult,
  RuntimePort,
} from '../runtime-port.ts';

/**
 * A port fake for the HTTP-plumbing tests only: it records what the shell asked
 * the runtime to do and answers predictably. The real runtime has its own
 * end-to-end tests; never use this outside *.test.ts.
 */
export class RecordingRuntime implements RuntimePort {
  readonly intakeCalls: { request: IntakeRequest; context: IntakeContext }[] = [];
  readonly eventCalls: ExternalEvent[] = [];
  readonly retryCalls: { executionId: string; by: string }[] = [];
  isReady = true;
  /** The next intake call throws this (then it is cleared). */
  failNextIntake: Error | undefined;
  /** Lets a test hold an intake open to observe the "in progress" state. */
  intakeGate: Promise<void> | undefined;
  /** What retryExecution answers, per execution id; unknown ids are not found. */
  readonly retryAnswers = new Map<string, RetryResult>();

  async intake(request: IntakeRequest, context: IntakeContext): Promise<IntakeResult> {
    this.intakeCalls.push({ request, context });
    const n = this.intakeCalls.length;
    if (this.intakeGate) await this.intakeGate;
    const failure = this.failNextIntake;
    if (failure) {
      this.failNextIntake = undefined;
      throw failure;
    }
    return {
      requestId: `req-${n}`,
      executionIds: [`exec-${n}`],
      produced: {
        ticketNumber: `CS20261122${String(n).padStart(4, '0')}`,
        replies: [{ channel: 'reply', text: 'ok' }],
      },
    };
  }

  async emitEvent(event: ExternalEvent): Promise<EventResult> {
    this.eventCalls.push(event);
    return { eventId: `event-${this.eventCalls.length}`, executionIds: [] };
  }

  async retryExecution(executionId: string, by: string): Promise<RetryResult> {
    this.retryCalls.push({ executionId, by });
    return this.retryAnswers.get(executionId) ?? { ok: false, reason: 'not_found' };
  }

  flowsChangedCalls = 0;

  flowsChanged(): void {
    this.flowsChangedCalls++;
  }

  async ready(): Promise<boolean> {
    return this.isReady;
  }
}
