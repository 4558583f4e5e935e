/** The parts of d3-scale (installed with layerchart, which ships no types for it) that the chart geometry test uses. */
declare module 'd3-scale' {
  interface BandScale<T> {
    (value: T): number | undefined;
    domain(values: readonly T[]): BandScale<T>;
    range(extent: [number, number]): BandScale<T>;
    padding(padding: number): BandScale<T>;
    bandwidth(): number;
  }
  interface LinearScale {
    domain(): number[];
    domain(extent: [number, number]): LinearScale;
    nice(count?: number): LinearScale;
    ticks(count?: number): number[];
  }
  export function scaleBand<T>(): BandScale<T>;
  export function scaleLinear(): LinearScale;
}
