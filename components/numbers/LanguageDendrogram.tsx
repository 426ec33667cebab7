"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { cluster, hierarchy, select, zoom, zoomIdentity, type HierarchyPointNode, type ZoomBehavior, type ZoomTransform } from "d3";
import { pageFriendlyZoomFilter } from "@/components/ui/zoom";
import { displayName, isJokeArticle } from "@/lib/numbers/core/joke";
import type { NumbersTreeNode } from "@/lib/numbers/core/types";
import { JokeArticleNote } from "./LanguageLabel";

/** The tree with an id on every node (preorder) and its leaf names, so branches can be folded by id. */
interface IndexedNode {
  id: number;
  name?: string;
  children?: IndexedNode[];
  leafNames: string[];
}

function indexTree(tree: NumbersTreeNode) {
  const parents = new Map<number, number>();
  const leafIds = new Map<string, number>();
  let next = 0;
  const visit = (node: NumbersTreeNode, parent: number | null): IndexedNode => {
    const id = next++;
    if (parent !== null) parents.set(id, parent);
    if (!node.children || node.children.length === 0) {
      if (node.name !== undefined) leafIds.set(node.name, id);
      return { id, name: node.name, leafNames: node.name !== undefined ? [node.name] : [] };
    }
    const children = node.children.map((child) => visit(child, id));
    return { id, children, leafNames: children.flatMap((child) => child.leafNames) };
  };
  const root = visit(tree, null);
  return { root, parents, leafIds };
}

function ancestorsOf(id: number | undefined, parents: Map<number, number>): Set<number> {
  const ids = new Set<number>();
  for (let at = id; at !== undefined; at = parents.get(at)) ids.add(at);
  return ids;
}

const ROW = 16; // px per visible leaf in the top-down (phone) layout
const ARC = 15; // px of circumference per visible leaf in the radial layout: room for an 11 px label
const LABEL_ROOM = 118; // px outside the leaves' circle for their names
const RADIAL_MAX_HEIGHT = 700; // the circle grows with the box up to this height, for more room between branches
const MARGIN = { top: 14, bottom: 14, left: 14 };
/** Narrower than this, the tree is drawn top-down at full height instead of as a circle. */
const RADIAL_MIN_WIDTH = 600;

type Node = HierarchyPointNode<IndexedNode>;

/** Where a node sits in the drawing, before pan and zoom. */
function place(node: Node, radial: boolean): [number, number] {
  if (!radial) return [node.y, node.x];
  const angle = node.x - Math.PI / 2;
  return [node.y * Math.cos(angle), node.y * Math.sin(angle)];
}

/**
 * The language tree: a circle wide enough that every language's name shows at 11 px, or on a
 * phone a top-down tree at full height (the page scrolls). Drag to pan, buttons or Ctrl+wheel
 * to zoom, click a branch point to fold it.
 */
export function LanguageDendrogram(props: { tree: NumbersTreeNode; selected: string | null; onSelect: (name: string) => void }) {
  const { tree, selected, onSelect } = props;
  const { root, parents, leafIds } = useMemo(() => indexTree(tree), [tree]);
  const allNames = useMemo(() => [...root.leafNames].sort((x, y) => displayName(x).localeCompare(displayName(y))), [root]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [query, setQuery] = useState("");
  const [width, setWidth] = useState(0);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const radial = width >= RADIAL_MIN_WIDTH;
  const radialRef = useRef(radial);
  useEffect(() => {
    radialRef.current = radial;
  }, [radial]);

  const layout = useMemo(() => {
    const h = hierarchy(root, (node) => (collapsed.has(node.id) ? undefined : node.children));
    const visibleLeaves = h.leaves().length;
    if (radial) {
      const radius = Math.max(90, (visibleLeaves * ARC) / (2 * Math.PI), Math.min(width, RADIAL_MAX_HEIGHT) / 2 - LABEL_ROOM - MARGIN.top);
      const nodes = cluster<IndexedNode>().size([2 * Math.PI, radius]).separation(() => 1)(h);
      const size = 2 * (radius + LABEL_ROOM) + MARGIN.top + MARGIN.bottom;
      return { nodes, visibleLeaves, depth: radius, height: size, origin: [width / 2, size / 2] as [number, number] };
    }
    const depth = Math.max(120, width - MARGIN.left - LABEL_ROOM);
    const nodes = cluster<IndexedNode>().size([visibleLeaves * ROW, depth]).separation(() => 1)(h);
    return { nodes, visibleLeaves, depth, height: visibleLeaves * ROW + MARGIN.top + MARGIN.bottom, origin: [MARGIN.left, MARGIN.top] as [number, number] };
  }, [root, collapsed, width, radial]);
  const boxHeight = layout.height;
  // Branch points one level apart must not cover each other's centre.
  const hitRadius = Math.min(9, Math.max(4, (0.9 * layout.depth) / Math.max(1, layout.nodes.height)));

  useLayoutEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const measure = () => setWidth(wrap.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(wrap);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || zoomRef.current) return;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.3, 5])
      // On a phone the tree is as tall as it needs, so one finger scrolls the page; two pinch.
      .filter((event: MouseEvent | WheelEvent | TouchEvent) =>
        !radialRef.current && "touches" in event ? event.touches.length > 1 : pageFriendlyZoomFilter(event),
      )
      .on("zoom", (event: { transform: ZoomTransform }) => setTransform(event.transform));
    select(svg).call(behaviour).on("dblclick.zoom", null);
    zoomRef.current = behaviour;
  });

  const onPath = useMemo(() => ancestorsOf(selected ? leafIds.get(selected) : undefined, parents), [selected, leafIds, parents]);
  const needle = query.trim().toLowerCase();
  const matching = useMemo(
    () => (needle ? new Set(allNames.filter((name) => name.toLowerCase().includes(needle) || displayName(name).toLowerCase().includes(needle))) : new Set<string>()),
    [needle, allNames],
  );

  // A selected language hidden in a folded branch: unfold the branches above it.
  useEffect(() => {
    if ([...onPath].some((id) => collapsed.has(id))) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a selection made elsewhere (table, heat map) must unfold its branch
      setCollapsed((current) => new Set([...current].filter((id) => !onPath.has(id))));
    }
  }, [onPath, collapsed]);

  // Bring the selected language into view when zooming or panning left it outside the box.
  useEffect(() => {
    const svg = svgRef.current;
    const behaviour = zoomRef.current;
    if (!svg || !behaviour || !selected) return;
    const node = layout.nodes.leaves().find((leaf) => leaf.data.name === selected);
    if (!node) return;
    const [px, py] = place(node, radial);
    const t = transform;
    const x = t.x + t.k * (layout.origin[0] + px);
    const y = t.y + t.k * (layout.origin[1] + py);
    if (x > 20 && x < width - 20 && y > 20 && y < boxHeight - 20) return;
    const target = zoomIdentity.translate(width / 2 - t.k * (layout.origin[0] + px), boxHeight / 2 - t.k * (layout.origin[1] + py)).scale(t.k);
    select(svg).call(behaviour.transform, t.k === 1 ? zoomIdentity : target);
    // Deliberately not on `transform`: only when the selection or the layout changes, never while panning.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, layout, boxHeight]);

  function choose(value: string) {
    setQuery(value);
    const typed = value.trim().toLowerCase();
    const named = (name: string) => [name.toLowerCase(), displayName(name).toLowerCase()];
    const exact = allNames.find((name) => named(name).includes(typed));
    const only = allNames.filter((name) => named(name).some((n) => n.includes(typed)));
    if (exact) onSelect(exact);
    else if (typed && only.length === 1) onSelect(only[0]);
  }

  function toggle(id: number) {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const zoomBy = (factor: number) => svgRef.current && zoomRef.current && select(svgRef.current).call(zoomRef.current.scaleBy, factor);
  // The drawing is sized to show everything at scale 1, so fitting never shrinks the names.
  const fit = () => svgRef.current && zoomRef.current && select(svgRef.current).call(zoomRef.current.transform, zoomIdentity);

  const nodes = layout.nodes.descendants();
  const listId = "nums-tree-languages";
  return (
    <section className="nums-section" aria-labelledby="nums-tree">
      <h2 id="nums-tree">A family tree from numbers alone</h2>
      <p className="nums-lede">
        The closest languages and groups are joined first, from the centre outwards. Zoom with the buttons or Ctrl+scroll
        (pinch on a phone), drag to pan, click a branch point to fold or unfold it, click a language to select it.
      </p>
      <div className="nums-toolbar">
        <input
          type="search"
          className="nums-search"
          list={listId}
          placeholder="Find a language…"
          aria-label="Find a language in the tree"
          data-testid="tree-search"
          value={query}
          onChange={(event) => choose(event.target.value)}
        />
        <datalist id={listId}>
          {allNames.map((name) => (
            <option key={name} value={displayName(name)} />
          ))}
        </datalist>
        <span className="nums-button-group">
          <button type="button" onClick={() => zoomBy(1.4)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => zoomBy(1 / 1.4)} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={fit} title="Show the whole tree at full size">
            Fit
          </button>
          <button type="button" onClick={() => setCollapsed(new Set())} disabled={collapsed.size === 0}>
            Unfold all
          </button>
        </span>
        {needle && (
          <span className="nums-muted" data-testid="tree-matches">
            {matching.size === 1 ? "1 match" : `${matching.size} matches`}
          </span>
        )}
      </div>
      <div className={radial ? "nums-tree-box" : "nums-tree-box is-tall"} ref={wrapRef}>
        {width > 0 && (
          <svg
            ref={svgRef}
            className="nums-dendrogram"
            data-testid="dendrogram"
            data-leaves={layout.visibleLeaves}
            data-layout={radial ? "radial" : "top-down"}
            width={width}
            height={boxHeight}
            role="img"
            aria-label={`Language tree of ${root.leafNames.length} languages`}
          >
            <g transform={transform.toString()}>
              <g transform={`translate(${layout.origin[0]},${layout.origin[1]})`}>
                {nodes.slice(1).map((node) => (
                  <path key={`link-${node.data.id}`} className={onPath.has(node.data.id) ? "link on-path" : "link"} d={link(node, radial)} />
                ))}
                {nodes.map((node) => (
                  <TreeNode
                    key={node.data.id}
                    node={node}
                    radial={radial}
                    hitRadius={hitRadius}
                    folded={collapsed.has(node.data.id)}
                    onPath={onPath.has(node.data.id)}
                    match={node.data.name !== undefined && matching.has(node.data.name)}
                    onToggle={toggle}
                    onSelect={onSelect}
                  />
                ))}
              </g>
            </g>
          </svg>
        )}
      </div>
      {root.leafNames.some(isJokeArticle) && <JokeArticleNote />}
    </section>
  );
}

/**
 * From the parent's branch point to the node: right-angled (top-down), or along the
 * parent's circle and then straight out (radial).
 */
function link(node: Node, radial: boolean): string {
  const parent = node.parent!;
  if (!radial) return `M${parent.y},${parent.x}V${node.x}H${node.y}`;
  const [sx, sy] = place({ ...parent, x: node.x } as Node, true);
  const [px, py] = place(parent, true);
  const [nx, ny] = place(node, true);
  const sweep = node.x > parent.x ? 1 : 0;
  return `M${px},${py}A${parent.y},${parent.y} 0 0 ${sweep} ${sx},${sy}L${nx},${ny}`;
}

/** A label's rotation and side in the radial layout: names on the left half are turned to read left to right. */
function labelPlacement(node: Node, radial: boolean, offset: number) {
  if (!radial) return { x: offset, anchor: "start" as const, rotate: undefined };
  const flip = node.x >= Math.PI;
  return { x: flip ? -offset : offset, anchor: flip ? ("end" as const) : ("start" as const), rotate: flip ? "rotate(180)" : undefined };
}

function nodeTransform(node: Node, radial: boolean): string {
  if (!radial) return `translate(${node.y},${node.x})`;
  return `rotate(${(node.x * 180) / Math.PI - 90}) translate(${node.y},0)`;
}

function TreeNode(props: {
  node: Node;
  radial: boolean;
  hitRadius: number;
  folded: boolean;
  onPath: boolean;
  match: boolean;
  onToggle: (id: number) => void;
  onSelect: (name: string) => void;
}) {
  const { node, radial, folded, onPath, match } = props;
  const { data } = node;
  const isLanguage = data.name !== undefined && !data.children;
  const state = `${onPath ? " on-path" : ""}${match ? " match" : ""}`;
  if (isLanguage) {
    return (
      <g className={`leaf${state}`} data-name={data.name} transform={nodeTransform(node, radial)} onClick={() => props.onSelect(data.name!)}>
        <circle r={3} />
        <LabelText node={node} radial={radial} offset={7}>
          {displayName(data.name!)}
          {isJokeArticle(data.name!) && <tspan className="joke"> (joke article)</tspan>}
        </LabelText>
      </g>
    );
  }
  const label = `${data.leafNames.length} languages`;
  return (
    <g
      className={`inner${folded ? " collapsed" : ""}${state}`}
      data-id={data.id}
      transform={nodeTransform(node, radial)}
      onClick={() => props.onToggle(data.id)}
      role="button"
      aria-label={`${folded ? "Unfold" : "Fold"} the branch of ${label}`}
      aria-expanded={!folded}
    >
      <circle className="hit" r={props.hitRadius} />
      <circle r={folded ? 5 : 3.5} />
      {folded && (
        <LabelText node={node} radial={radial} offset={9}>
          {label} ({displayName(data.leafNames[0])}…)
        </LabelText>
      )}
    </g>
  );
}

function LabelText(props: { node: Node; radial: boolean; offset: number; children: React.ReactNode }) {
  const { x, anchor, rotate } = labelPlacement(props.node, props.radial, props.offset);
  return (
    <text x={x} dy="0.32em" textAnchor={anchor} transform={rotate}>
      {props.children}
    </text>
  );
}
