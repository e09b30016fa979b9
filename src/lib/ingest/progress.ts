/** A step of loading, for a progress display. */
export interface LoadStep {
  /** What is happening, in plain English: 'Reading "enquiries.csv"'. */
  label: string;
  /** When the step reads a file, its size: the engine's progress is the share of it read. */
  bytes?: number;
}

/** Told of each step as loading reaches it. */
export type LoadProgress = (step: LoadStep) => void;
