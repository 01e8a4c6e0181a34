/** Height of a horizontal bar chart with one bar per datum. */
export function chartHeight(chart: { data: readonly unknown[] }): number {
  return Math.max(90, chart.data.length * 30 + 58);
}
