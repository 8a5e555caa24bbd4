#!/usr/bin/env python3
"""Renders a BPMN file's diagram interchange (shapes, edges, names) as a plain SVG, for the docs.

    python3 docs/diagrams/render.py processes/rollback-after-day-2.bpmn > docs/diagrams/rollback-after-day-2.svg

Camunda Modeler draws the same files richer; this needs nothing but Python 3.
"""
import sys
import xml.etree.ElementTree as ET
from html import escape

NS = {'bpmn': 'http://www.omg.org/spec/BPMN/20100524/MODEL',
      'bpmndi': 'http://www.omg.org/spec/BPMN/20100524/DI',
      'dc': 'http://www.omg.org/spec/DD/20100524/DC',
      'di': 'http://www.omg.org/spec/DD/20100524/DI'}
TASKS = {'serviceTask': '⚙', 'userTask': 'person', 'callActivity': 'call', 'task': ''}


def wrap(text, width):
    words, lines, line = text.split(), [], ''
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = (line + ' ' + word).strip()
    return lines + ([line] if line else [])


def text(x, y, label, width, size=11):
    lines = wrap(label, width)
    out = []
    for i, line in enumerate(lines):
        out.append(f'<text x="{x:.0f}" y="{y + i * (size + 2):.0f}" font-size="{size}" text-anchor="middle">'
                   f'{escape(line)}</text>')
    return ''.join(out)


def render(path):
    root = ET.parse(path).getroot()
    elements = {e.get('id'): e for e in root.iter() if e.get('id')}
    parts, xs, ys = [], [], []
    for shape in root.iter(f'{{{NS["bpmndi"]}}}BPMNShape'):
        el = elements.get(shape.get('bpmnElement'))
        b = shape.find('dc:Bounds', NS)
        x, y, w, h = (float(b.get(k)) for k in ('x', 'y', 'width', 'height'))
        xs += [x, x + w]
        ys += [y, y + h + 40]
        kind = el.tag.split('}')[1]
        name = el.get('name') or ''
        cx, cy = x + w / 2, y + h / 2
        if kind in TASKS:
            dash = ' stroke-width="3"' if kind == 'callActivity' else ''
            parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#fff" stroke="#222"{dash}/>')
            parts.append(f'<text x="{x + 6}" y="{y + 14}" font-size="10" fill="#555">{TASKS[kind]}</text>')
            parts.append(text(cx, cy - 8, name, 20))
        elif kind.endswith('Gateway'):
            parts.append(f'<polygon points="{cx},{y} {x + w},{cy} {cx},{y + h} {x},{cy}" fill="#fff" stroke="#222"/>')
            mark = '+' if kind == 'parallelGateway' else '×'
            parts.append(f'<text x="{cx}" y="{cy + 7}" font-size="20" text-anchor="middle">{mark}</text>')
            parts.append(text(cx, y + h + 14, name, 22, 10))
        else:
            width = 3 if kind == 'endEvent' else 1.5
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="{w / 2}" fill="#fff" stroke="#222" stroke-width="{width}"/>')
            if el.find('bpmn:timerEventDefinition', NS) is not None:
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="{w / 2 - 5}" fill="none" stroke="#222"/>')
                parts.append(f'<text x="{cx}" y="{cy + 5}" font-size="13" text-anchor="middle">◷</text>')
            parts.append(text(cx, y + h + 14, name, 22, 10))
    for edge in root.iter(f'{{{NS["bpmndi"]}}}BPMNEdge'):
        points = [(float(p.get('x')), float(p.get('y'))) for p in edge.findall('di:waypoint', NS)]
        xs += [p[0] for p in points]
        ys += [p[1] for p in points]
        flow = elements.get(edge.get('bpmnElement'))
        parts.append('<polyline points="' + ' '.join(f'{x},{y}' for x, y in points)
                     + '" fill="none" stroke="#444" marker-end="url(#arrow)"/>')
        if flow is not None and flow.get('name'):
            (x1, y1), (x2, y2) = points[0], points[1]
            parts.append(f'<text x="{(x1 + x2) / 2 + 4:.0f}" y="{(y1 + y2) / 2 - 4:.0f}" font-size="10" '
                         f'fill="#555">{escape(flow.get("name"))}</text>')
    # names of events and gateways run up to 50 px either side of their shapes
    left, top = min(xs) - 60, min(ys) - 20
    width, height = max(xs) - left + 60, max(ys) - top + 20
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" font-family="sans-serif">'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>'
            f'<rect x="{left:.0f}" y="{top:.0f}" width="{width:.0f}" height="{height:.0f}" fill="#fff"/>'
            + ''.join(parts) + '</svg>\n')


if __name__ == '__main__':
    sys.stdout.write(render(sys.argv[1]))
