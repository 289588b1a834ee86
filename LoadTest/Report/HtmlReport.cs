using System.Globalization;
using System.Net;
using System.Text;

namespace OrleansChat.LoadTest.Report;

/// <summary>A self-contained HTML page (inline SVG, no CDN): percentiles, ratios, seq checks, processes, throughput over time.</summary>
internal static class HtmlReport
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

    public static string Render(RunResult run)
    {
        var html = new StringBuilder();
        var s = run.Scenario;
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test ")
            .Append(E(s.Name)).Append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1100px}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}.bad{color:#b00;font-weight:bold}</style></head><body>");
        html.Append("<h1>Load test: ").Append(E(s.Name)).Append("</h1><p>").Append(E(s.Description)).Append("</p>");
        html.Append("<p>").Append(E(run.StartedAt)).Append(" · ").Append(E(run.Machine)).Append(" · ")
            .Append(s.Connections).Append(" connections, ").Append(s.Rooms).Append(" rooms × ").Append(s.PeoplePerRoom).Append(" people, ")
            .Append(s.Helpers).Append(" helpers, ").Append(s.ClosedLoop ? "closed loop" : F(s.MessagesPerPersonPerSecond) + " msg/s per person")
            .Append(", ").Append(s.MessageChars).Append(" chars, warm-up ").Append(F(s.WarmupSeconds)).Append(" s, measured ")
            .Append(F(s.DurationSeconds)).Append(" s, seed ").Append(s.Seed)
            .Append(", pages' MarkRead ").Append(s.MarkRead ? "on" : "off").Append(", SaveDraft ").Append(s.SaveDrafts ? "on" : "off").Append("</p>");

        html.Append("<h2>Latency (ms) and throughput</h2><table><tr><th>mode</th><th>deliveries</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th>")
            .Append("<th>ack p50</th><th>ack p99</th><th>deliveries/s</th><th>acked msg/s</th><th>errors</th><th>not pushed</th><th>lost</th><th>duplicates</th></tr>");
        foreach (var m in run.Modes)
        {
            var v = m.Verification;
            html.Append("<tr><td>").Append(E(m.Mode)).Append("</td><td>").Append(m.Delivery.Count).Append("</td><td>").Append(F(m.Delivery.P50))
                .Append("</td><td>").Append(F(m.Delivery.P90)).Append("</td><td>").Append(F(m.Delivery.P99)).Append("</td><td>").Append(F(m.Delivery.P999))
                .Append("</td><td>").Append(F(m.Delivery.Max)).Append("</td><td>").Append(F(m.Ack.P50)).Append("</td><td>").Append(F(m.Ack.P99))
                .Append("</td><td>").Append(F(m.DeliveriesPerSecond)).Append("</td><td>").Append(F(m.AckedPerSecond))
                .Append(Cell(m.Errors)).Append(Cell(v.NotPushed)).Append(Cell(v.Lost)).Append(Cell(v.Duplicates)).Append("</tr>");
        }

        html.Append("</table>");
        if (run.Storage is { } storage)
        {
            html.Append("<p>Storage ceiling: ").Append(F(storage.UpsertsPerSecond)).Append(" raw single-row upserts/s (")
                .Append(storage.InFlight).Append(" in flight, ").Append(storage.RowBytes).Append(" B rows, p99 ")
                .Append(F(storage.Latency.P99)).Append(" ms).</p>");
        }

        if (run.Ratios.Count > 0)
        {
            html.Append("<h2>Ratios (same run)</h2><table><tr><th>ratio</th><th>value</th></tr>");
            foreach (var (name, value) in run.Ratios)
            {
                html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(F(value)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        foreach (var m in run.Modes)
        {
            html.Append("<h2>").Append(E(m.Mode)).Append(": processes during the measured window</h2><table><tr><th>process</th><th>CPU s</th><th>CPU % of one core</th>")
                .Append("<th>CPU ms per acked msg</th><th>RSS start MB</th><th>RSS end MB</th><th>RSS peak MB</th></tr>");
            foreach (var p in m.Processes)
            {
                html.Append("<tr><td>").Append(E(p.Name)).Append("</td><td>").Append(F(p.CpuSeconds)).Append("</td><td>").Append(F(p.CpuPercentOfOneCore))
                    .Append("</td><td>").Append(F(m.CpuMsPerAckedMessage.GetValueOrDefault(p.Name))).Append("</td><td>").Append(Mb(p.RssStartBytes))
                    .Append("</td><td>").Append(Mb(p.RssEndBytes)).Append("</td><td>").Append(Mb(p.RssPeakBytes)).Append("</td></tr>");
            }

            html.Append("<tr><th>servers (all but the tool)</th><td></td><td></td><th>").Append(F(m.ServerCpuMsPerAckedMessage)).Append("</th><td></td><td></td><td></td></tr></table>");
            if (m.Storage is { } st)
            {
                html.Append("<p>Silo storage requests in the window: ").Append(st.Writes).Append(" writes (").Append(st.BatchOperations).Append(" operations in batches), ")
                    .Append(st.Reads).Append(" reads, ").Append(st.Failed).Append(" failed; ").Append(F(st.WritesPerSecond)).Append(" writes/s, <strong>")
                    .Append(F(st.WritesPerAckedMessage)).Append(" writes per acked message</strong>, ").Append(F(st.WritesPerDeliveredMessage))
                    .Append(" per delivered message, ").Append(F(st.ReadsPerAckedMessage)).Append(" reads per acked message.</p>");
            }

            if (m.PageCalls is { } pc)
            {
                html.Append("<p>Page calls (whole step): MarkRead ").Append(pc.MarkRead).Append(" (").Append(pc.MarkReadFailed).Append(" failed, ")
                    .Append(F(pc.MarkReadPerAckedMessage)).Append(" per acked message), SaveDraft ").Append(pc.SaveDraft).Append(" (").Append(pc.SaveDraftFailed)
                    .Append(" failed, ").Append(F(pc.SaveDraftPerAckedMessage)).Append(" per acked message).</p>");
                if (pc.ErrorSamples.Count > 0)
                {
                    html.Append("<details><summary>page call failures</summary><pre>").Append(E(string.Join("\n", pc.ErrorSamples))).Append("</pre></details>");
                }
            }
            if (m.IdleMemory.Count > 0)
            {
                html.Append("<table><tr><th>idle memory</th><th>RSS before MB</th><th>RSS idle MB</th><th>KB per connection</th></tr>");
                foreach (var i in m.IdleMemory)
                {
                    html.Append("<tr><td>").Append(E(i.Process)).Append("</td><td>").Append(Mb(i.RssBeforeBytes)).Append("</td><td>").Append(Mb(i.RssIdleBytes))
                        .Append("</td><td>").Append(F(i.BytesPerConnection / 1024)).Append("</td></tr>");
                }

                html.Append("</table>");
            }

            if (m.IdleCpu.Count > 0)
            {
                html.Append("<p>Idle CPU (everyone connected, nobody typing): ")
                    .Append(E(string.Join(", ", m.IdleCpu.Select(p => $"{p.Name} {F(p.CpuPercentOfOneCore)} %"))))
                    .Append("; together ").Append(F(m.IdleCpu.Sum(p => p.CpuPercentOfOneCore))).Append(" % of one core.</p>");
            }

            if (m.Rehydrate is { } r)
            {
                html.Append("<p>Rehydration (GetWorkspace, ").Append(F(r.OpenRoomsPerWorkspace)).Append(" open rooms): warm p50 ").Append(F(r.Warm.P50))
                    .Append(" ms, p99 ").Append(F(r.Warm.P99)).Append(" ms; cold p50 ").Append(F(r.Cold.P50)).Append(" ms, p99 ").Append(F(r.Cold.P99))
                    .Append(" ms (first call after restart incl. JIT: ").Append(F(r.ColdFirstCallMs)).Append(" ms).</p>");
            }

            if (m.ErrorSamples.Count > 0)
            {
                html.Append("<details><summary>error samples</summary><pre>").Append(E(string.Join("\n", m.ErrorSamples))).Append("</pre></details>");
            }
        }

        html.Append("<h2>Throughput over time (deliveries/s solid, acked msg/s dashed)</h2>").Append(Chart(run.Modes));
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string Chart(List<ModeResult> modes)
    {
        const int width = 1000, height = 320, left = 70, bottom = 30;
        var maxSecond = Math.Max(1, modes.SelectMany(m => m.Timeline).Select(p => p.Second).DefaultIfEmpty(1).Max());
        var maxValue = Math.Max(1, modes.SelectMany(m => m.Timeline).Select(p => Math.Max(p.Delivered, p.Acked)).DefaultIfEmpty(1).Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"throughput over time\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width}\" y2=\"{height - bottom}\" stroke=\"#000\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"0\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"#000\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var y = (height - bottom) * (1 - (i / 4.0));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 5}\" y=\"{y + 4:F0}\" font-size=\"11\" text-anchor=\"end\">{maxValue * i / 4}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - 5}\" y=\"{height - 5}\" font-size=\"11\" text-anchor=\"end\">{maxSecond} s</text>");
        for (var k = 0; k < modes.Count; k++)
        {
            var color = Colors[k % Colors.Length];
            svg.Append(Line(modes[k].Timeline.Select(p => (p.Second, p.Delivered)), color, string.Empty));
            svg.Append(Line(modes[k].Timeline.Select(p => (p.Second, p.Acked)), color, " stroke-dasharray=\"5,4\""));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 10}\" y=\"{15 + (k * 15)}\" font-size=\"12\" fill=\"{color}\">{E(modes[k].Mode)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();

        string Line(IEnumerable<(int Second, long Value)> points, string color, string extra)
        {
            var coords = string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{left + ((width - left) * (double)p.Second / maxSecond):F1},{(height - bottom) * (1 - ((double)p.Value / maxValue)):F1}")));
            return $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\"{extra} points=\"{coords}\"/>";
        }
    }

    private static string Cell(long value) => value == 0 ? $"</td><td>0" : $"</td><td class=\"bad\">{value}";

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => F(bytes / 1048576.0);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
