import type { Locale } from '@flowdesk/model';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { type EChartsType, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from './chart-options.ts';

// Only what the dashboard draws: this chunk is loaded with the first chart, never with the app.
use([BarChart, LineChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/**
 * One ECharts chart in a box that follows its container's width (tiles wrap,
 * charts resize). A click on a bar or point reports its index.
 */
export default function EChartView({
  option,
  locale,
  label,
  onItemClick,
}: {
  option: ChartOption;
  locale: Locale;
  label: string;
  onItemClick?: ((dataIndex: number) => void) | undefined;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clicked = useRef(onItemClick);
  clicked.current = onItemClick;
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, null, { renderer: 'svg', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    chart.current = instance;
    instance.setOption(latest.current);
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') clicked.current?.(params.dataIndex);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="echart-box" role="img" aria-label={label} />;
}
