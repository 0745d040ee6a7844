package org.carbonaware.planner.scaling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.common.Csv;

/**
 * Writes a study's files: {@code scaling.csv}, {@code fits.csv}, {@code settings.txt} and two SVG charts. Every file
 * starts with the run's settings ({@code # key=value} lines in the CSVs, plain {@code key=value} in settings.txt, an
 * XML comment in the SVGs). Each file is written atomically.
 */
public final class ScalingReport {

    public static final List<String> SCALING_COLUMNS = List.of("variant", "dModel", "layers", "experts", "expertsPerToken",
            "params", "activeParams", "tokens", "flops", "batchSequences", "loss", "devices", "tp", "pp", "dp", "ep", "zero",
            "microBatch", "interleave", "recompute", "days", "utilisation", "activity", "energyMwh", "operationalKg",
            "embodiedKg", "totalKg", "embodiedShare", "idealKg", "status");
    public static final List<String> FIT_COLUMNS = List.of("variant", "curve", "k", "alpha", "rSquared", "points");

    private ScalingReport() {
    }

    /** Writes every file into {@code directory} and returns their paths. */
    public static List<Path> write(ScalingStudy.Result result, Path directory) {
        List<Path> written = new ArrayList<>();
        List<String> comments = settingLines(result.settings());
        written.add(write(directory.resolve("settings.txt"), headerLines(result.settings(), "")));
        written.add(write(directory.resolve("scaling.csv"), Csv.format(comments, SCALING_COLUMNS, scalingRows(result.rows()))));
        written.add(write(directory.resolve("fits.csv"), Csv.format(comments, FIT_COLUMNS, fitRows(result.fits()))));
        String comment = "<!--\n" + headerLines(result.settings(), "").replace("--", "- -") + "-->\n";
        written.add(write(directory.resolve("loss-vs-carbon.svg"), SvgCharts.lossVsCarbon(result, comment)));
        written.add(write(directory.resolve("embodied-share.svg"), SvgCharts.embodiedShare(result, comment)));
        return written;
    }

    private static Path write(Path path, String content) {
        AtomicFiles.writeString(path, content);
        return path;
    }

    private static List<String> settingLines(ScalingSettings settings) {
        return settings.header().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    static String headerLines(ScalingSettings settings, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : settings.header().entrySet()) {
            sb.append(prefix).append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static List<List<String>> scalingRows(List<ScalingRow> rows) {
        List<List<String>> table = new ArrayList<>();
        for (ScalingRow r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", r.variant());
            m.put("dModel", r.dModel());
            m.put("layers", r.layers());
            m.put("experts", r.experts());
            m.put("expertsPerToken", r.expertsPerToken());
            m.put("params", r.params());
            m.put("activeParams", r.activeParams());
            m.put("tokens", r.tokens());
            m.put("flops", r.flops());
            m.put("batchSequences", r.batchSequences());
            m.put("loss", r.loss());
            boolean ok = r.feasible();
            m.put("devices", ok ? r.devices() : null);
            m.put("tp", ok ? r.tp() : null);
            m.put("pp", ok ? r.pp() : null);
            m.put("dp", ok ? r.dp() : null);
            m.put("ep", ok ? r.ep() : null);
            m.put("zero", ok ? r.zero() : null);
            m.put("microBatch", ok ? r.microBatch() : null);
            m.put("interleave", ok ? r.interleave() : null);
            m.put("recompute", ok ? r.recompute() : null);
            m.put("days", ok ? r.days() : null);
            m.put("utilisation", ok ? r.utilisation() : null);
            m.put("activity", ok ? r.activity() : null);
            m.put("energyMwh", ok ? r.energyMwh() : null);
            m.put("operationalKg", ok ? r.operationalKg() : null);
            m.put("embodiedKg", ok ? r.embodiedKg() : null);
            m.put("totalKg", ok ? r.totalKg() : null);
            m.put("embodiedShare", ok ? r.embodiedShare() : null);
            m.put("idealKg", r.idealKg());
            m.put("status", r.status());
            table.add(SCALING_COLUMNS.stream().map(column -> cell(m.get(column))).toList());
        }
        return table;
    }

    private static List<List<String>> fitRows(List<FitRow> fits) {
        List<List<String>> table = new ArrayList<>();
        for (FitRow f : fits) {
            table.add(List.of(cell(f.variant()), cell(f.curve()), cell(f.fit().k()), cell(f.fit().alpha()),
                    cell(f.fit().rSquared()), cell(f.fit().points())));
        }
        return table;
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                return "";
            }
            return String.format(Locale.ROOT, "%.6g", d);
        }
        return value.toString();
    }
}
