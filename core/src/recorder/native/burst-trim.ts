/** What a native part keeps: its last frames, as many as the wall-clock time it covered. */
export interface FrameTrim {
  /** Frames to leave out at the head (the connect burst before the window). */
  skipFrames: number;
  /** Seconds of the frames kept: exactly a whole number of frames. */
  keepSeconds: number;
}

/**
 * The connect burst trimmed by frame count against the wall clock: a part of `frames` frames
 * lasting `mediaSeconds` that covered `coveredSeconds` of the window keeps its last
 * round(coveredSeconds / frame length) frames (all of them when it covered more).
 */
export function trimByFrames(
  frames: number,
  mediaSeconds: number,
  coveredSeconds: number,
): FrameTrim {
  if (frames <= 0 || !(mediaSeconds > 0)) return { skipFrames: 0, keepSeconds: 0 };
  const frameSeconds = mediaSeconds / frames;
  const keep = Math.min(frames, Math.max(0, Math.round(coveredSeconds / frameSeconds)));
  return { skipFrames: frames - keep, keepSeconds: keep * frameSeconds };
}
