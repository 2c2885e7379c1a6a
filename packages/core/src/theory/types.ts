/** Whether a measurement agrees with its prediction under the rule fixed in advance (TheoryRow.rule). */
export type Agreement = 'agrees' | 'fails';

/** One line of the agreement table: a prediction's claim, the predicted and measured values and the verdict. */
export interface TheoryRow {
  /** Row id, e.g. `1a` (prediction 1, first check). */
  id: string;
  /** Number of the prediction in issue 10 (1 to 5). */
  prediction: number;
  /** The claim in words. */
  claim: string;
  /** What predicted and measured are, e.g. `slope of ln mean ||h_l||^2 per layer`. */
  quantity: string;
  predicted: number;
  measured: number;
  /** Confidence interval of measured (see rule), or null for an exact identity. */
  ci: [number, number] | null;
  /** The agreement rule, fixed before measuring, in words. */
  rule: string;
  agreement: Agreement;
  /** Numbers behind the verdict, and why it fails when it does. */
  detail: string;
}

/** One x position of a series: the measured mean and its 95% band over seeds, and the theory's value. */
export interface TheoryPoint {
  x: number;
  /** Measured mean over seeds, or null where only the theory is drawn. */
  mean: number | null;
  /** 95% confidence interval of the mean (jackknife over seed groups), or null. */
  lo: number | null;
  hi: number | null;
  /** The theory's value here, or null where there is none. */
  theory: number | null;
}

/** A measured curve with its theory line (one colour in a figure). */
export interface TheorySeries {
  /** Legend label, e.g. `σ² = 1.5, forward`. */
  name: string;
  points: TheoryPoint[];
}

/** Everything one prediction measured: its rows of the table and the data of its figure. */
export interface PredictionResult {
  /** 1 to 5. */
  id: number;
  /** Short title, e.g. `Plain ReLU net: sigma_w^2/2 per layer`. */
  title: string;
  /** Source of the theory, e.g. `He et al. 2015 sec. 2.2`. */
  source: string;
  rows: TheoryRow[];
  /** Figure data: x and y axis titles, y scale, and the series. */
  figure: {
    xTitle: string;
    yTitle: string;
    logY: boolean;
    series: TheorySeries[];
    /** What the dashed theory lines are, in words (the caption's second sentence). */
    theoryNote: string;
  };
  /** Seeds measured (per network). */
  seeds: number;
}

/** A relative error |a - b| / |b| (|a| when b is 0). */
export function relError(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}
