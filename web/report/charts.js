// The review's charts, drawn by Apache ECharts as SVG (crisp on paper). Tooltips are drawn by the chart
// itself (richText), not as HTML, so item names from a run-sheet never become markup.
import * as echarts from '../vendor/echarts.esm.min.js';
import { t } from '../lib/i18n.js';
import { yuan } from '../lib/format.js';

const RED = '#d7263d';
const INK = '#3a3a44';
const MUTED = '#9a9aa6';
const ORANGE = '#e58a1f';
const BLUE = '#2b6cb0';
// the page's own fonts, named: the chart measures its labels with them
const FONT = '-apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif';

const charts = new Map();

/**
 * Draws (or redraws) one chart into its element, and beside it a picture of the same chart at the width
 * its box has on A4 (data-print-width, CSS px), which is what paper gets: the print layout cannot be
 * measured in time, and a headless print renders after the browser has said printing is over.
 */
function draw(id, option) {
  const element = document.getElementById(id);
  const full = { animation: false, textStyle: { fontFamily: FONT }, ...option };
  let chart = charts.get(id);
  if (!chart) {
    chart = echarts.init(element, null, { renderer: 'svg' });
    charts.set(id, chart);
  }
  chart.setOption(full, true);
  const paper = echarts.init(null, null, {
    renderer: 'svg', ssr: true, width: Number(element.dataset.printWidth), height: element.clientHeight,
  });
  paper.setOption(full);
  let picture = element.nextElementSibling;
  if (!picture || !picture.classList.contains('chart-print')) {
    picture = document.createElement('img');
    picture.className = 'chart-print';
    picture.alt = '';
    element.after(picture);
  }
  picture.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(paper.renderToSVGString())}`;
  paper.dispose();
}

/** Fits every chart to its box after the window changed size. */
export function fitCharts() {
  charts.forEach((chart) => chart.resize());
}

function shortName(name, length = 10) {
  const chars = Array.from(name);
  return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : name;
}

const tooltip = (trigger) => ({ trigger, renderMode: 'richText', confine: true });

/** Minutes from the start; a minute's figures sit in its middle, marks at their exact time. */
function minuteAxis(timeline) {
  const last = timeline.length ? timeline[timeline.length - 1].minute : 0;
  return {
    type: 'value',
    min: 0,
    max: last + 1,
    minInterval: 1,
    name: t('chart.minute'),
    nameGap: 8,
    axisLabel: { formatter: (value) => `${value}′` },
  };
}

function emptyGraphic(isEmpty) {
  return isEmpty ? { type: 'text', left: 'center', top: 'middle', style: { text: t('chart.empty'), fill: MUTED, fontSize: 14 } } : [];
}

/** Vertical lines at moments of the show ({ name, xAxis }), each labelled with its name at the top. */
function moments(data, color, lineType, labelPosition) {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color, type: lineType, width: 1 },
    label: { formatter: '{b}', position: labelPosition, color, fontSize: 10 },
    data,
  };
}

/** Viewers online per minute, with the cue changes and price changes marked where they happened. */
function online(report) {
  const timeline = report.timeline;
  const start = report.show.startedAt;
  const names = new Map(report.items.map((item) => [item.id, item.name]));
  const at = (ts) => (ts - start) / 60_000;
  const cues = start === null ? [] : report.cues.map((cue) => ({
    name: cue.itemId ? shortName(names.get(cue.itemId) ?? cue.itemId, 8) : t(`segment.${cue.segment}`),
    xAxis: at(cue.ts),
  }));
  const prices = start === null ? [] : report.items.flatMap((item) => item.priceChanges.map((change) => ({
    name: `${yuan(change.from)}→${yuan(change.to)}`,
    xAxis: at(change.ts),
  })));
  draw('chart-online', {
    color: [RED, MUTED],
    grid: { left: 44, right: 24, top: 48, bottom: 36 },
    legend: { top: 0, right: 0 },
    tooltip: tooltip('axis'),
    graphic: emptyGraphic(timeline.length === 0),
    xAxis: minuteAxis(timeline),
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('chart.online'),
        type: 'line',
        symbolSize: 5,
        data: timeline.map((point) => [point.minute + 0.5, point.online]),
        markLine: moments(cues, INK, 'solid', 'insideEndTop'),
      },
      {
        name: t('chart.peak'),
        type: 'line',
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 1 },
        data: timeline.map((point) => [point.minute + 0.5, point.peakOnline]),
        markLine: moments(prices, ORANGE, 'dashed', 'insideStartTop'),
      },
      {
        name: t('chart.comments'),
        type: 'bar',
        barMaxWidth: 10,
        itemStyle: { color: '#5b8ff9', opacity: 0.6 },
        data: timeline.map((point) => [point.minute + 0.5, point.comments ?? 0]),
      },
    ],
  });
}

/** Flash sales started and coupons issued, marked on the minute they happened. */
function promotionMarks(report) {
  const start = report.show.startedAt;
  if (start === null) {
    return [];
  }
  const at = (ts) => (ts - start) / 60_000;
  return [
    ...(report.flashes || []).filter((f) => f.startedAt !== null && f.startedAt !== undefined)
      .map((f) => ({ name: t('chart.flash'), xAxis: at(f.startedAt) })),
    ...(report.coupons || []).filter((c) => c.issuedAt !== null && c.issuedAt !== undefined)
      .map((c) => ({ name: t('chart.coupon'), xAxis: at(c.issuedAt) })),
  ];
}

function gmvPerMinute(report) {
  const timeline = report.timeline;
  draw('chart-gmv', {
    color: [RED],
    grid: { left: 64, right: 16, top: 16, bottom: 36 },
    tooltip: tooltip('axis'),
    graphic: emptyGraphic(timeline.length === 0),
    xAxis: minuteAxis(timeline),
    yAxis: { type: 'value', axisLabel: { formatter: (value) => `¥${value}` } },
    series: [{
      name: t('chart.gmv'),
      type: 'bar',
      barMaxWidth: 18,
      data: timeline.map((point) => [point.minute + 0.5, point.gmvCents / 100]),
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: ORANGE, type: 'dashed', width: 1 },
        label: { formatter: '{b}', position: 'insideEndTop', color: ORANGE, fontSize: 10 },
        data: promotionMarks(report),
      },
    }],
  });
}

function gmvByItem(report) {
  const items = report.items.filter((item) => item.role !== 'lottery' && (item.role !== 'backup' || item.orders > 0));
  const sorted = [...items].sort((a, b) => a.gmvCents - b.gmvCents);
  // a bar pair per item: the chart grows with the running order instead of stretching two bars
  document.getElementById('chart-items').style.height = `${Math.max(160, 60 + 34 * sorted.length)}px`;
  draw('chart-items', {
    color: [RED, BLUE],
    grid: { left: 8, right: 24, top: 28, bottom: 16, containLabel: true },
    legend: { top: 0, right: 0 },
    tooltip: tooltip('axis'),
    graphic: emptyGraphic(items.length === 0),
    xAxis: { type: 'value', axisLabel: { formatter: (value) => `¥${value}` } },
    yAxis: { type: 'category', data: sorted.map((item) => shortName(item.name, 12)), axisLabel: { fontSize: 11 } },
    series: [
      { name: t('chart.gmv'), type: 'bar', barMaxWidth: 14, data: sorted.map((item) => item.gmvCents / 100) },
      { name: t('chart.paidGmv'), type: 'bar', barMaxWidth: 14, data: sorted.map((item) => item.paidGmvCents / 100) },
    ],
  });
}

function funnel(report) {
  const totals = report.totals;
  const steps = ['uv', 'clickers', 'orderers', 'buyers'];
  draw('chart-funnel', {
    color: ['#f3c1c6', '#ea8c96', '#df5565', RED],
    tooltip: tooltip('item'),
    series: [{
      type: 'funnel',
      sort: 'none',
      left: '10%',
      width: '80%',
      top: 8,
      bottom: 8,
      minSize: '12%',
      gap: 2,
      label: { position: 'inside', formatter: '{b}  {c}', color: '#1d1d24' },
      data: steps.map((step) => ({ name: t(`funnel.${step}`), value: totals[step] })),
    }],
  });
}

/** Draws every chart of the report. */
export function drawCharts(report) {
  online(report);
  gmvPerMinute(report);
  gmvByItem(report);
  funnel(report);
}
