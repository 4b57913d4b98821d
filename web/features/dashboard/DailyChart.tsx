/** Received vs closed per day: bars for a month or less, lines for longer periods (ECharts, loaded lazily). */
import { useEffect, useRef } from 'react';
import { useI18n } from '../../lib/i18n.js';
import { m } from './messages.js';

export interface DailyPoint {
  day: string;
  received: number;
  closed: number;
}

const BLUE = '#1677ff';
const GREEN = '#52c41a';

/** The daily chart; `height` in px. */
export function DailyChart({ daily, height = 280 }: { daily: DailyPoint[]; height?: number }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void; setOption(o: unknown): void } | null = null;
    let observer: ResizeObserver | null = null;
    void import('./echarts.js').then(({ echarts }) => {
      if (disposed || !box.current) return;
      chart = echarts.init(box.current);
      const bars = daily.length <= 62;
      const series = (name: string, key: 'received' | 'closed', color: string) => ({
        name,
        type: bars ? 'bar' : 'line',
        data: daily.map((d) => d[key]),
        itemStyle: { color },
        lineStyle: { width: 1.5 },
        showSymbol: false,
        barMaxWidth: 14,
      });
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0, right: 0 },
        grid: { left: 8, right: 12, top: 32, bottom: daily.length > 92 ? 40 : 8, containLabel: true },
        xAxis: { type: 'category', data: daily.map((d) => d.day.slice(5)), axisTick: { show: false } },
        yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
        dataZoom: daily.length > 92 ? [{ type: 'slider', height: 18, bottom: 6 }] : [],
        series: [series(t(m.dailyReceived), 'received', BLUE), series(t(m.dailyClosed), 'closed', GREEN)],
      });
      observer = new ResizeObserver(() => chart?.resize());
      observer.observe(box.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [daily, t]);
  return <div ref={box} style={{ width: '100%', height }} data-testid="dashboard-daily-chart" role="img" aria-label={t(m.daily)} />;
}
