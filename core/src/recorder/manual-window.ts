/**
 * The window of a manual run ("record now for N seconds"): what the user asked for is N seconds
 * of audio. It starts at the request when the server's connect burst reaches back that far (a
 * connection that took a moment costs nothing); when the audio begins later than that (connecting
 * took longer than the burst covers), it starts at the first instant the audio holds, and its end
 * moves with it, so the recording still holds N seconds. A scheduled run keeps its wall-clock
 * window instead (see recordWindow).
 *
 * The first instant the audio holds is read from ffmpeg's progress on the first part with audio:
 * at wall-clock `at` it had written `mediaSeconds`, the newest of which was live at `at`, so the
 * audio reaches back to `at - mediaSeconds`. Progress only lags what arrived, so the earliest of
 * these readings is the best one.
 */
export class ManualWindow {
  private audioFrom: number | undefined;

  /** `requestedStart`: when the user asked; `lengthMs`: the N seconds asked for. */
  constructor(
    readonly requestedStart: number,
    readonly lengthMs: number,
  ) {}

  /** A progress reading of the first part with audio (see the class comment). */
  observe(at: number, mediaSeconds: number): void {
    if (!(mediaSeconds > 0)) return;
    const from = at - mediaSeconds * 1000;
    if (this.audioFrom === undefined || from < this.audioFrom) this.audioFrom = from;
  }

  /** True once audio was observed: the window is known. */
  get anchored(): boolean {
    return this.audioFrom !== undefined;
  }

  /** Wall-clock ms the recording starts at: the request, or later when the audio begins later. */
  get start(): number {
    return this.audioFrom === undefined
      ? this.requestedStart
      : Math.max(this.requestedStart, Math.round(this.audioFrom));
  }

  /** Wall-clock ms the recording ends at: N seconds after its start. */
  get end(): number {
    return this.start + this.lengthMs;
  }

  /**
   * Until when the run waits for its first audio before it gives up, when it starts connecting
   * at `now`: the N seconds asked for, but at least one connect timeout from `now` (a source slow
   * to answer still gets its chance on a short recording).
   */
  firstAudioDeadline(now: number, connectTimeoutMs: number): number {
    return Math.max(this.requestedStart + this.lengthMs, now + connectTimeoutMs);
  }
}
