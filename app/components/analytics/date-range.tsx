import { useSearchParams } from "@remix-run/react";
import { BlockStack, Button, ButtonGroup, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useEffect, useState, type FormEvent } from "react";
import { lastDays, RANGE_PRESETS, type AnalyticsRange } from "../../schemas/analytics";
import type { FieldErrors } from "../../schemas/form-errors";
import { count, formatDay } from "./format";

interface DateRangeCardProps {
  range: AnalyticsRange;
  /** What was wrong with the range in the URL (the page then shows the default range). */
  errors: FieldErrors;
}

/** The range's heading, its two date fields, the 7/30/90-day presets and the CSV export. */
export function DateRangeCard({ range, errors }: DateRangeCardProps) {
  const [params, setParams] = useSearchParams();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  // A new range from the loader (a preset, back/forward) replaces what the fields hold.
  useEffect(() => {
    setFrom(range.from);
    setTo(range.to);
  }, [range.from, range.to]);

  // The URL holds the range; the admin's own parameters (host, shop…) stay as they are.
  const show = (next: { from: string; to: string }) => {
    const query = new URLSearchParams(params);
    query.set("from", next.from);
    query.set("to", next.to);
    setParams(query, { preventScrollReset: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    show({ from, to });
  };

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="start" gap="300">
          <BlockStack gap="100">
            <Text as="h2" variant="headingLg">
              Analytics
            </Text>
            <Text as="p" tone="subdued">
              {`${formatDay(range.from)} – ${formatDay(range.to)} (${count(range.days)} ${range.days === 1 ? "day" : "days"}, ${range.timezone})`}
            </Text>
          </BlockStack>
          <CsvExport range={range} />
        </InlineStack>
        <form onSubmit={submit} aria-label="Date range">
          <InlineStack gap="300" blockAlign="end" wrap>
            <div style={{ width: "11rem" }}>
              <TextField
                label="From"
                type="date"
                name="from"
                value={from}
                onChange={setFrom}
                error={errors.from}
                autoComplete="off"
              />
            </div>
            <div style={{ width: "11rem" }}>
              <TextField
                label="To"
                type="date"
                name="to"
                value={to}
                onChange={setTo}
                error={errors.to}
                autoComplete="off"
              />
            </div>
            <Button submit>Apply</Button>
            <ButtonGroup variant="segmented">
              {RANGE_PRESETS.map((days) => {
                const preset = lastDays(range.today, days);
                const pressed = preset.from === range.from && preset.to === range.to;
                return (
                  <Button key={days} pressed={pressed} onClick={() => show(preset)}>
                    {`Last ${days} days`}
                  </Button>
                );
              })}
            </ButtonGroup>
          </InlineStack>
        </form>
        <Text as="p" variant="bodySm" tone="subdued">
          {`Days are your shop's (${range.timezone}). Impressions, clicks and adds are counted by UTC day, so the first and last day may be off by your time zone's offset; purchases by the time of the order. The lift compares whole weeks, from the week of ${formatDay(range.liftWeeks.from)}.`}
        </Text>
      </BlockStack>
    </Card>
  );
}

// A download through App Bridge's fetch, which adds the session token a plain link could not send.
function CsvExport({ range }: { range: AnalyticsRange }) {
  const [state, setState] = useState<"idle" | "loading" | "failed">("idle");
  const download = async () => {
    setState("loading");
    try {
      const response = await fetch(`/app/analytics.csv?${new URLSearchParams({ from: range.from, to: range.to })}`);
      if (!response.ok) throw new Error(`the export answered ${response.status}`);
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement("a"), { href: url, download: name ?? "analytics.csv" });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return (
    <BlockStack gap="100" inlineAlign="end">
      <Button onClick={download} loading={state === "loading"}>
        Export CSV
      </Button>
      {state === "failed" ? (
        <Text as="p" variant="bodySm" tone="critical">
          The export did not download. Try again.
        </Text>
      ) : null}
    </BlockStack>
  );
}
