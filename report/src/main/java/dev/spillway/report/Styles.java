package dev.spillway.report;

/** The inline style sheet of every page: no web font, no external resource. */
final class Styles {

  private Styles() {}

  static final String CSS =
      """
      :root { --fg: #1d2430; --muted: #5b6576; --line: #d5dae3; --bg: #ffffff; --panel: #f6f8fb; }
      * { box-sizing: border-box; }
      body { margin: 0 auto; max-width: 1080px; padding: 24px 28px 48px; color: var(--fg);
        background: var(--bg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto,
        "Helvetica Neue", Arial, sans-serif; }
      body.wide { max-width: 1600px; }
      h1 { font-size: 24px; margin: 0 0 6px; overflow-wrap: anywhere; }
      h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line);
        padding-bottom: 4px; }
      h3 { font-size: 15px; margin: 18px 0 6px; }
      a { color: #1f5fbf; }
      .meta { color: var(--muted); margin-bottom: 12px; overflow-wrap: anywhere; }
      .explanation { background: var(--panel); border-left: 4px solid #8a94a6; padding: 10px 14px;
        margin: 12px 0; }
      .badge { display: inline-block; padding: 2px 8px; border-radius: 4px; font-weight: 700;
        font-size: 12px; letter-spacing: .03em; color: #fff; vertical-align: middle;
        white-space: nowrap; }
      .v-survived { background: #1e7d3a; } .v-shed { background: #1f6fa8; }
      .v-overflowed { background: #c2410c; } .v-died { background: #8b1a1a; }
      .v-lost { background: #6b21a8; } .v-none { background: #6b7280; }
      .v-failed { background: #b91c1c; } .v-pushed_back { background: #0f766e; }
      .scroll { max-width: 100%; overflow-x: auto; margin: 8px 0; }
      table { border-collapse: collapse; }
      th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left;
        vertical-align: top; }
      td { overflow-wrap: break-word; }
      th { background: var(--panel); font-weight: 600; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .held { color: #1e7d3a; font-weight: 600; } .broken { color: #b91c1c; font-weight: 700; }
      .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr));
        gap: 8px; margin: 12px 0; }
      .figure { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
        padding: 8px 10px; }
      .figure .label { color: var(--muted); font-size: 12px; }
      .figure .value { font-size: 17px; font-weight: 600; }
      .chart { margin: 6px 0 4px; }
      .chart svg { width: 100%; height: auto; background: #fff; border: 1px solid var(--line);
        border-radius: 4px; }
      .caption { color: var(--muted); font-size: 12px; margin-bottom: 10px; }
      .matrix td { min-width: 9em; }
      .matrix th.design { min-width: 10em; }
      .cell { display: block; text-decoration: none; color: inherit; margin: 2px 0 6px; }
      .cell .nums { display: block; color: var(--muted); font-size: 12px; margin-top: 2px; }
      .nw { white-space: nowrap; }
      details { margin: 8px 0; } summary { cursor: pointer; color: var(--muted); }
      code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
        font-size: 12px; }
      footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
      .warn { color: #b91c1c; }
      """;
}
