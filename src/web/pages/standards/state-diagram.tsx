import { useMemo, useState } from 'react';
import { Col, Flex, Row, Space, Switch, Tag, Tooltip, Typography, theme } from 'antd';
import { PauseCircleOutlined } from '@ant-design/icons';
import type { ServiceStandard, StateType, TransitionDefinition } from '../../api/standards';
import { STATE_TYPES } from '../../api/standards';
import { useI18n } from '../../i18n/i18n-context';
import { isCancelPath, layoutStandard, smoothPath, type DiagramEdge } from './diagram-layout';
import { STATE_TYPE_COLORS, STATE_TYPE_KEYS, conditionText, localized } from './standard-format';

const EDGE_COLOR = '#8c8c8c';
const CANCEL_COLOR = '#e58b8b';

/**
 * The steps of a standard as a diagram: states coloured by their semantic type, transitions as
 * labelled arrows. Hovering an arrow or a row of the step list highlights the transition and
 * shows who may take it. Cancel paths ("from any of these states") are markers until switched on.
 */
export function StateDiagram({ standard }: { standard: ServiceStandard }) {
  const { t, locale, roleLabel } = useI18n();
  const { token } = theme.useToken();
  const [showCancel, setShowCancel] = useState(false);
  const [active, setActive] = useState<string | null>(null);

  const typeLabel = (type: StateType) => t(STATE_TYPE_KEYS[type]);
  const diagram = useMemo(
    () => layoutStandard(standard, { locale, t, showCancel, typeLabel: (type) => t(STATE_TYPE_KEYS[type]) }),
    [standard, locale, t, showCancel],
  );
  const hasCancelPaths = standard.transitions.some((tr) => isCancelPath(standard, tr));
  const stateName = (key: string) => localized(standard.states.find((s) => s.key === key)?.name, locale);
  const roles = (transition: TransitionDefinition) => transition.roles.map(roleLabel).join(t('common.listSeparator'));

  const edgeTooltip = (edge: DiagramEdge) => (
    <div>
      <div style={{ fontWeight: 600 }}>{edge.label}</div>
      <div>
        {stateName(edge.from)} → {stateName(edge.to)}
      </div>
      {edge.condition ? <div>{t('standards.diagram.when', { condition: edge.condition })}</div> : null}
      <div>{t('standards.diagram.roles', { roles: roles(edge.transition) })}</div>
    </div>
  );

  const markerId = (kind: 'normal' | 'cancel' | 'active') => `arrow-${standard.key}-${kind}`;
  const presentTypes = STATE_TYPES.filter((type) => standard.states.some((s) => s.type === type));
  const pausing = standard.states.some((s) => s.pausesTimers);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }} data-testid="diagram-legend">
          {presentTypes.map((type) => (
            <Space key={type} size={4}>
              <span
                style={{
                  display: 'inline-block',
                  width: 14,
                  height: 14,
                  borderRadius: 4,
                  background: STATE_TYPE_COLORS[type].fill,
                  border: `2px solid ${STATE_TYPE_COLORS[type].stroke}`,
                }}
              />
              <Typography.Text style={{ fontSize: 12 }}>{typeLabel(type)}</Typography.Text>
            </Space>
          ))}
          {pausing ? (
            <Space size={4}>
              <PauseCircleOutlined style={{ color: STATE_TYPE_COLORS.waiting.stroke }} />
              <Typography.Text style={{ fontSize: 12 }}>{t('standards.diagram.pauses')}</Typography.Text>
            </Space>
          ) : null}
        </Flex>
        {hasCancelPaths ? (
          <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
            <Switch size="small" checked={showCancel} onChange={setShowCancel} aria-label={t('standards.diagram.showCancel')} />
            <Typography.Text style={{ fontSize: 12 }}>{t('standards.diagram.showCancel')}</Typography.Text>
            {!showCancel ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <span style={{ color: STATE_TYPE_COLORS.cancelled.stroke, fontWeight: 700 }}>✕</span>{' '}
                {t('standards.diagram.cancelMarker')}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : null}
        <div
          style={{ overflowX: 'auto', border: `1px solid ${token.colorBorderSecondary}`, borderRadius: 8, background: '#fcfcfd' }}
        >
          <svg
            data-testid="state-diagram"
            role="img"
            aria-label={t('standards.diagram.title')}
            viewBox={`0 0 ${diagram.width} ${diagram.height}`}
            style={{ display: 'block', width: '100%', minWidth: Math.min(diagram.width, 340), maxWidth: diagram.width, margin: '0 auto' }}
          >
            <defs>
              {(
                [
                  ['normal', EDGE_COLOR],
                  ['cancel', CANCEL_COLOR],
                  ['active', token.colorPrimary],
                ] as const
              ).map(([kind, color]) => (
                <marker key={kind} id={markerId(kind)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M0,0 L10,5 L0,10 z" fill={color} />
                </marker>
              ))}
            </defs>
            {diagram.edges.map((edge) => {
              const isActive = active === edge.transition.key;
              const color = isActive ? token.colorPrimary : edge.cancel ? CANCEL_COLOR : EDGE_COLOR;
              return (
                <path
                  key={edge.id}
                  d={smoothPath(edge.points)}
                  fill="none"
                  stroke={color}
                  strokeWidth={isActive ? 2.5 : 1.4}
                  strokeDasharray={edge.cancel ? '5 4' : undefined}
                  markerEnd={`url(#${markerId(isActive ? 'active' : edge.cancel ? 'cancel' : 'normal')})`}
                  opacity={active && !isActive ? 0.35 : 1}
                />
              );
            })}
            {diagram.nodes.map((node) => {
              const colors = STATE_TYPE_COLORS[node.type];
              const left = node.x - node.width / 2;
              const top = node.y - node.height / 2;
              return (
                <g key={node.key} data-state={node.key} data-type={node.type}>
                  <rect
                    x={left}
                    y={top}
                    width={node.width}
                    height={node.height}
                    rx={node.type === 'closed' || node.type === 'cancelled' ? node.height / 2 : 8}
                    fill={colors.fill}
                    stroke={colors.stroke}
                    strokeWidth={node.initial ? 2.5 : 1.5}
                  />
                  <text x={node.x} y={node.y - 3} textAnchor="middle" fontSize={13} fill="#1f1f1f" fontWeight={500}>
                    {node.name}
                  </text>
                  <text x={node.x} y={node.y + 14} textAnchor="middle" fontSize={11} fill={colors.stroke}>
                    {typeLabel(node.type)}
                  </text>
                  {node.pausesTimers ? (
                    <g fill={STATE_TYPE_COLORS.waiting.stroke} aria-label={t('standards.diagram.pauses')}>
                      <rect x={left + 7} y={top + 6} width={3} height={10} rx={1} />
                      <rect x={left + 13} y={top + 6} width={3} height={10} rx={1} />
                    </g>
                  ) : null}
                  {node.cancelVia.length ? (
                    <Tooltip title={t('standards.diagram.canCancel', { actions: [...new Set(node.cancelVia)].join(t('common.listSeparator')) })}>
                      <g style={{ cursor: 'help' }}>
                        <circle cx={left + node.width} cy={top} r={8} fill="#fff" stroke={STATE_TYPE_COLORS.cancelled.stroke} />
                        <text x={left + node.width} y={top + 4} textAnchor="middle" fontSize={10} fontWeight={700} fill={STATE_TYPE_COLORS.cancelled.stroke}>
                          ✕
                        </text>
                      </g>
                    </Tooltip>
                  ) : null}
                  {node.initial ? (
                    <text x={left} y={top - 5} fontSize={11} fill={colors.stroke}>
                      {t('standards.diagram.start')}
                    </text>
                  ) : null}
                </g>
              );
            })}
            {diagram.edges.map((edge) => {
              const isActive = active === edge.transition.key;
              return (
                <Tooltip key={edge.id} title={edgeTooltip(edge)}>
                  <g
                    style={{ cursor: 'pointer' }}
                    onMouseEnter={() => setActive(edge.transition.key)}
                    onMouseLeave={() => setActive(null)}
                    opacity={active && !isActive ? 0.4 : 1}
                  >
                    <rect
                      x={edge.labelAt.x - edge.labelWidth / 2}
                      y={edge.labelAt.y - edge.labelHeight / 2}
                      width={edge.labelWidth}
                      height={edge.labelHeight}
                      rx={4}
                      fill="#fff"
                      stroke={isActive ? token.colorPrimary : token.colorBorderSecondary}
                    />
                    <text
                      x={edge.labelAt.x}
                      y={edge.labelAt.y + (edge.condition ? -3 : 4)}
                      textAnchor="middle"
                      fontSize={12}
                      fill={isActive ? token.colorPrimary : '#262626'}
                    >
                      {edge.label}
                    </text>
                    {edge.condition ? (
                      <text x={edge.labelAt.x} y={edge.labelAt.y + 12} textAnchor="middle" fontSize={12} fill="#8c8c8c">
                        {edge.condition}
                      </text>
                    ) : null}
                  </g>
                </Tooltip>
              );
            })}
          </svg>
        </div>
      </Col>
      <Col xs={24} xl={10}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('standards.diagram.steps')}
        </Typography.Title>
        <div data-testid="transition-list" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {standard.transitions.map((transition) => {
            const targets = transition.to
              ? [{ to: transition.to, condition: '' }]
              : (transition.outcomes ?? []).map((o) => ({ to: o.to, condition: conditionText(o.when, t, locale, transition.records) }));
            const isActive = active === transition.key;
            return (
              <div
                key={transition.key}
                onMouseEnter={() => setActive(transition.key)}
                onMouseLeave={() => setActive(null)}
                style={{
                  padding: '8px 12px',
                  borderRadius: 8,
                  border: `1px solid ${isActive ? token.colorPrimary : token.colorBorderSecondary}`,
                  background: isActive ? token.colorPrimaryBg : token.colorBgContainer,
                }}
              >
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong>{localized(transition.name, locale)}</Typography.Text>
                  {transition.when ? (
                    <Tag style={{ marginInlineEnd: 0 }}>{conditionText(transition.when, t, locale, transition.records)}</Tag>
                  ) : null}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
                  {transition.from.map(stateName).join(t('common.listSeparator'))} →{' '}
                  {targets
                    .map((target) => (target.condition ? t('standards.diagram.outcome', { state: stateName(target.to), condition: target.condition }) : stateName(target.to)))
                    .join(t('standards.diagram.or'))}
                </Typography.Text>
                <Flex wrap gap={4} style={{ marginTop: 4 }}>
                  {transition.roles.map((role) => (
                    <Tag key={role} color="geekblue" style={{ marginInlineEnd: 0 }}>
                      {roleLabel(role)}
                    </Tag>
                  ))}
                </Flex>
                {transition.records.length ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                    {t('standards.diagram.records', {
                      records: transition.records.map((r) => localized(r.label, locale) || r.name).join(t('common.listSeparator')),
                    })}
                  </Typography.Text>
                ) : null}
              </div>
            );
          })}
        </div>
      </Col>
    </Row>
  );
}
