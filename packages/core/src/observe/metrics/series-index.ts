/**
 * A metric family's series, found by their label values: one map per label, nested, so a lookup
 * builds no key (a JSON text of the values cost more than the rest of counting a request). Label
 * values are whole strings, so no two lists of values can meet at one series, whatever they hold.
 */
export interface SeriesIndex<Series> {
  /** The series of these label values, or undefined before `add` made it. */
  find(labelValues: readonly string[]): Series | undefined;
  /** Keeps a new series under these label values. */
  add(labelValues: readonly string[], series: Series): void;
  /** Every series, oldest first (the order of the exposition text). */
  readonly all: readonly Series[];
}

/** A level of the index: the next label's values, and at the last label the series. */
type Level = Map<string, unknown>;

export function createSeriesIndex<Series>(): SeriesIndex<Series> {
  const root: Level = new Map();
  const all: Series[] = [];
  /** The level that holds the last label's values; `make` makes the missing levels on the way. */
  const lastLevel = (labelValues: readonly string[], make: boolean): Level | undefined => {
    let level = root;
    for (let index = 0; index < labelValues.length - 1; index++) {
      let next = level.get(labelValues[index]) as Level | undefined;
      if (next === undefined) {
        if (!make) return undefined;
        next = new Map();
        level.set(labelValues[index], next);
      }
      level = next;
    }
    return level;
  };
  // A family without labels keeps its one series under the empty name.
  const lastValue = (labelValues: readonly string[]) => (labelValues.length > 0 ? labelValues[labelValues.length - 1] : '');
  return {
    all,
    find(labelValues) {
      return lastLevel(labelValues, false)?.get(lastValue(labelValues)) as Series | undefined;
    },
    add(labelValues, series) {
      lastLevel(labelValues, true)!.set(lastValue(labelValues), series);
      all.push(series);
    },
  };
}
