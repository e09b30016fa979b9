import { fmtInt, fmtPct } from '../format';
import type { Funnel } from './funnel';

/**
 * One plain-English sentence naming the step where most people are lost:
 * the stage with the most people who left there (open cases don't count).
 */
export function biggestLoss(f: Funnel): string | null {
  const steps = f.steps;
  const best = biggestLossIndex(steps);
  if (best < 0) return null;
  const from = steps[best];
  const to = steps[best + 1];
  const stillOpen = from.open ? `; ${fmtInt(from.open)} more ${from.open === 1 ? 'is' : 'are'} still open at that point` : '';
  return `Most people are lost between ${from.name.toLowerCase()} and ${to.name.toLowerCase()}: ${fmtInt(from.left)} of ${fmtInt(from.reached)} who reached ${from.name.toLowerCase()} left before ${to.name.toLowerCase()} (${fmtPct(from.left / from.reached)})${stillOpen}.`;
}

/** Index of the stage (not the last) with the most people who left there; -1 when nobody left before the last stage. */
export function biggestLossIndex(steps: readonly { left: number }[]): number {
  let best = -1;
  for (let i = 0; i < steps.length - 1; i++) if (best < 0 || steps[i].left > steps[best].left) best = i;
  return best >= 0 && steps[best].left > 0 ? best : -1;
}
