/**
 * The charts themselves, with Polaris Viz and its styles: loaded in the browser only, after the
 * page has hydrated (charts.tsx), so the server never runs them and the first paint never waits
 * for them. Polaris Viz measures its container and reads `navigator`, which a server has neither of.
 */
import "@shopify/polaris-viz/build/esm/styles.css";
import { BarChart, FunnelChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { ChartSpec } from "./charts";

export default function VizChart({ spec }: { spec: ChartSpec }) {
  return <PolarisVizProvider>{chartOf(spec)}</PolarisVizProvider>;
}

function chartOf(spec: ChartSpec) {
  const yAxisOptions = spec.valueLabel
    ? { labelFormatter: (value: string | number | null) => spec.valueLabel!(Number(value)) }
    : {};
  const xAxisOptions = spec.keyLabel
    ? { labelFormatter: (key: string | number | null) => spec.keyLabel!(String(key)) }
    : {};
  const tooltipOptions = {
    ...(spec.valueLabel ? { valueFormatter: (value: string | number | null) => spec.valueLabel!(Number(value)) } : {}),
    ...(spec.keyLabel ? { titleFormatter: (key: string | number | null) => spec.keyLabel!(String(key)) } : {}),
  };
  switch (spec.type) {
    case "line":
      return (
        <LineChart
          data={spec.series}
          showLegend={spec.series.length > 1}
          xAxisOptions={xAxisOptions}
          yAxisOptions={yAxisOptions}
          tooltipOptions={tooltipOptions}
        />
      );
    case "bar":
      return (
        <BarChart
          data={spec.series}
          xAxisOptions={xAxisOptions}
          yAxisOptions={yAxisOptions}
          tooltipOptions={tooltipOptions}
        />
      );
    case "funnel":
      return <FunnelChart data={spec.series} yAxisOptions={yAxisOptions} />;
  }
}
