import { Graph, layout } from '@dagrejs/dagre';
import type { Locale } from '../../../common/locale';
import type { ServiceStandard, StateType, TransitionDefinition } from '../../api/standards';
import type { I18n } from '../../i18n/i18n-context';
import { conditionText, localized } from './standard-format';

export interface Point {
  x: number;
  y: number;
}

export interface DiagramNode {
  key: string;
  name: string;
  type: StateType;
  pausesTimers: boolean;
  initial: boolean;
  /** Transitions into a cancelled state that leave from here but are drawn only on request. */
  cancelVia: string[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramEdge {
  id: string;
  transition: TransitionDefinition;
  from: string;
  to: string;
  /** Name of the transition plus, for outcomes and conditional steps, the condition in words. */
  label: string;
  condition: string;
  /** A cancel path: leads to a cancelled state from several states; drawn dashed. */
  cancel: boolean;
  points: Point[];
  labelAt: Point;
  labelWidth: number;
  labelHeight: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Cancelled states whose only ways in are hidden cancel paths, placed beside the graph. */
  detached: string[];
}

const NODE_FONT = '13px -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
const LABEL_FONT = '12px -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
const MARGIN = 16;
let measureContext: CanvasRenderingContext2D | null | undefined;

/** Width of a text in pixels (canvas when available, else a per-character estimate). */
export function textWidth(text: string, font: 'node' | 'label'): number {
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  if (measureContext) {
    measureContext.font = font === 'node' ? NODE_FONT : LABEL_FONT;
    return Math.ceil(measureContext.measureText(text).width);
  }
  const size = font === 'node' ? 13 : 12;
  return [...text].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? size : size * 0.6), 0);
}

/** A transition into a cancelled state from several states: one "any of these" path, not the main flow. */
export function isCancelPath(standard: ServiceStandard, transition: TransitionDefinition): boolean {
  const targets = transition.to ? [transition.to] : (transition.outcomes ?? []).map((o) => o.to);
  const typeOf = (key: string) => standard.states.find((s) => s.key === key)?.type;
  return transition.from.length >= 2 && targets.length === 1 && typeOf(targets[0]!) === 'cancelled';
}

/**
 * Lays the states out top to bottom with dagre. Cancel paths are left out unless `showCancel`:
 * their source states get a marker instead, and a cancelled state reached only that way sits
 * beside the graph, so the main flow stays readable.
 */
export function layoutStandard(
  standard: ServiceStandard,
  options: { locale: Locale; t: I18n['t']; showCancel: boolean; typeLabel: (type: StateType) => string },
): DiagramLayout {
  const { locale, t, showCancel } = options;
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 56, edgesep: 16, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));

  const cancelVia = new Map<string, string[]>();
  const edges: Omit<DiagramEdge, 'points' | 'labelAt'>[] = [];
  for (const transition of standard.transitions) {
    const cancel = isCancelPath(standard, transition);
    const name = localized(transition.name, locale);
    // Outcomes leading to one state (approved by phone, approved with a signature) are one edge.
    const targets: { to: string; condition: string }[] = [];
    if (transition.to) targets.push({ to: transition.to, condition: conditionText(transition.when, t, locale, transition.records) });
    for (const o of transition.outcomes ?? []) {
      const condition = conditionText(o.when, t, locale, transition.records);
      const same = targets.find((x) => x.to === o.to);
      if (same) same.condition = [same.condition, condition].filter(Boolean).join(t('standards.diagram.or'));
      else targets.push({ to: o.to, condition });
    }
    for (const from of transition.from) {
      if (cancel && !showCancel) {
        cancelVia.set(from, [...(cancelVia.get(from) ?? []), name]);
        continue;
      }
      for (const target of targets) {
        const condition = target.condition;
        const labelWidth = Math.max(textWidth(name, 'label'), condition ? textWidth(condition, 'label') : 0) + 12;
        edges.push({
          id: `${transition.key}:${from}:${target.to}`,
          transition,
          from,
          to: target.to,
          label: name,
          condition,
          cancel,
          labelWidth,
          labelHeight: condition ? 34 : 20,
        });
      }
    }
  }

  const connected = new Set(edges.flatMap((e) => [e.from, e.to]));
  const detached = standard.states
    .filter((s) => !connected.has(s.key) && s.type === 'cancelled' && standard.states.length > 1)
    .map((s) => s.key);

  const sizeOf = (name: string, type: StateType) => ({
    width: Math.max(96, textWidth(name, 'node') + 32, textWidth(options.typeLabel(type), 'label') + 32),
    height: 48,
  });
  for (const state of standard.states) {
    if (detached.includes(state.key)) continue;
    g.setNode(state.key, sizeOf(localized(state.name, locale), state.type));
  }
  for (const edge of edges) {
    if (edge.from === edge.to) continue; // drawn as a loop beside the node
    g.setEdge(edge.from, edge.to, { width: edge.labelWidth, height: edge.labelHeight, labelpos: 'c' }, edge.id);
  }
  layout(g);

  const graph = g.graph();
  let width = Math.max(graph.width ?? 0, 200);
  let height = graph.height ?? 0;
  const nodes: DiagramNode[] = standard.states
    .filter((s) => !detached.includes(s.key))
    .map((state) => {
      const n = g.node(state.key);
      return {
        key: state.key,
        name: localized(state.name, locale),
        type: state.type,
        pausesTimers: state.pausesTimers,
        initial: state.key === standard.initialState,
        cancelVia: cancelVia.get(state.key) ?? [],
        x: n.x,
        y: n.y,
        width: n.width,
        height: n.height,
      };
    });

  // Detached cancelled states go in a column on the right, level with the middle of the flow.
  detached.forEach((key, i) => {
    const state = standard.states.find((s) => s.key === key)!;
    const size = sizeOf(localized(state.name, locale), state.type);
    const x = width + 24 + size.width / 2;
    nodes.push({
      key,
      name: localized(state.name, locale),
      type: state.type,
      pausesTimers: state.pausesTimers,
      initial: false,
      cancelVia: [],
      x,
      y: height / 2 + i * (size.height + 24),
      ...size,
    });
  });
  if (detached.length) {
    const right = Math.max(...nodes.map((n) => n.x + n.width / 2));
    width = right + MARGIN;
    height = Math.max(height, ...nodes.map((n) => n.y + n.height / 2 + MARGIN));
  }

  const laidOut: DiagramEdge[] = edges.map((edge) => {
    if (edge.from === edge.to) {
      const n = nodes.find((x) => x.key === edge.from)!;
      const right = n.x + n.width / 2;
      return {
        ...edge,
        points: [
          { x: right, y: n.y - 10 },
          { x: right + 28, y: n.y - 22 },
          { x: right + 28, y: n.y + 22 },
          { x: right, y: n.y + 10 },
        ],
        labelAt: { x: right + 34 + edge.labelWidth / 2, y: n.y },
      };
    }
    const e = g.edge(edge.from, edge.to, edge.id);
    return { ...edge, points: e.points ?? [], labelAt: { x: e.x ?? 0, y: e.y ?? 0 } };
  });
  // Loops and their labels may stick out to the right of what dagre measured.
  for (const edge of laidOut) width = Math.max(width, edge.labelAt.x + edge.labelWidth / 2 + MARGIN);

  return { width, height, nodes, edges: laidOut, detached };
}

/** An SVG path through the points, rounded at the bends. */
export function smoothPath(points: Point[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  if (rest.length === 0) return `M${first!.x},${first!.y}`;
  if (points.length === 4 && points[0]!.x === points[3]!.x) {
    // A loop: one cubic curve.
    const [a, b, c, d] = points as [Point, Point, Point, Point];
    return `M${a.x},${a.y} C${b.x},${b.y} ${c.x},${c.y} ${d.x},${d.y}`;
  }
  let d = `M${first!.x},${first!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const next = points[i + 1]!;
    const mid = i === points.length - 2 ? next : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    d += ` Q${p.x},${p.y} ${mid.x},${mid.y}`;
  }
  if (points.length === 2) d += ` L${rest[0]!.x},${rest[0]!.y}`;
  return d;
}
