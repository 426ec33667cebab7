"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { cluster, hierarchy, select, zoom, zoomIdentity, type HierarchyPointNode, type ZoomBehavior, type ZoomTransform } from "d3";
import { pageFriendlyZoomFilter } from "@/components/ui/zoom";
import type { NumbersTreeNode } from "@/lib/numbers/core/types";

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

const ROW = 16; // px per visible leaf
const MARGIN = { top: 14, bottom: 14, left: 14 };

/** The language tree as a dendrogram: drag to pan, buttons or Ctrl+wheel to zoom, click a branch point to fold it. */
export function LanguageDendrogram(props: { tree: NumbersTreeNode; selected: string | null; onSelect: (name: string) => void }) {
  const { tree, selected, onSelect } = props;
  const { root, parents, leafIds } = useMemo(() => indexTree(tree), [tree]);
  const allNames = useMemo(() => [...root.leafNames].sort((x, y) => x.localeCompare(y)), [root]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const [query, setQuery] = useState("");
  const [width, setWidth] = useState(0);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const wrapRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);

  const narrow = width > 0 && width < 600;
  const labelSpace = narrow ? 130 : 210;

  const layout = useMemo(() => {
    const h = hierarchy(root, (node) => (collapsed.has(node.id) ? undefined : node.children));
    const visibleLeaves = h.leaves().length;
    const innerWidth = Math.max(120, width - MARGIN.left - labelSpace);
    return { nodes: cluster<IndexedNode>().size([visibleLeaves * ROW, innerWidth]).separation(() => 1)(h), visibleLeaves };
  }, [root, collapsed, width, labelSpace]);

  const contentHeight = layout.visibleLeaves * ROW + MARGIN.top + MARGIN.bottom;
  const boxHeight = Math.min(contentHeight, narrow ? 460 : 760);

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
      .filter(pageFriendlyZoomFilter)
      .on("zoom", (event: { transform: ZoomTransform }) => setTransform(event.transform));
    select(svg).call(behaviour).on("dblclick.zoom", null);
    zoomRef.current = behaviour;
  });

  const onPath = useMemo(() => ancestorsOf(selected ? leafIds.get(selected) : undefined, parents), [selected, leafIds, parents]);
  const needle = query.trim().toLowerCase();
  const matching = useMemo(() => (needle ? new Set(allNames.filter((name) => name.toLowerCase().includes(needle))) : new Set<string>()), [needle, allNames]);

  // A selected language hidden in a folded branch: unfold the branches above it.
  useEffect(() => {
    if ([...onPath].some((id) => collapsed.has(id))) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a selection made elsewhere (table, heat map) must unfold its branch
      setCollapsed((current) => new Set([...current].filter((id) => !onPath.has(id))));
    }
  }, [onPath, collapsed]);

  // Bring the selected language into view when it is outside the box.
  useEffect(() => {
    const svg = svgRef.current;
    const behaviour = zoomRef.current;
    if (!svg || !behaviour || !selected) return;
    const node = layout.nodes.leaves().find((leaf) => leaf.data.name === selected);
    if (!node) return;
    const t = transform;
    const y = t.y + t.k * (node.x + MARGIN.top);
    if (y > 20 && y < boxHeight - 20) return;
    select(svg).call(behaviour.transform, zoomIdentity.translate(t.x, boxHeight / 2 - t.k * (node.x + MARGIN.top)).scale(t.k));
    // Deliberately not on `transform`: only when the selection or the layout changes, never while panning.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, layout, boxHeight]);

  function choose(value: string) {
    setQuery(value);
    const exact = allNames.find((name) => name.toLowerCase() === value.trim().toLowerCase());
    const only = allNames.filter((name) => name.toLowerCase().includes(value.trim().toLowerCase()));
    if (exact) onSelect(exact);
    else if (value.trim() && only.length === 1) onSelect(only[0]);
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
  const reset = () => svgRef.current && zoomRef.current && select(svgRef.current).call(zoomRef.current.transform, zoomIdentity);
  const fit = () => {
    if (!svgRef.current || !zoomRef.current) return;
    const k = Math.min(1, boxHeight / contentHeight);
    select(svgRef.current).call(zoomRef.current.transform, zoomIdentity.scale(k));
  };

  const nodes = layout.nodes.descendants();
  const listId = "nums-tree-languages";
  return (
    <section className="nums-section" aria-labelledby="nums-tree">
      <h2 id="nums-tree">A family tree from numbers alone</h2>
      <p className="nums-lede">
        The closest languages and groups are joined first. Drag to pan, zoom with the buttons or Ctrl+scroll (pinch on a
        phone), click a branch point to fold or unfold it, click a language to select it.
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
            <option key={name} value={name} />
          ))}
        </datalist>
        <span className="nums-button-group">
          <button type="button" onClick={() => zoomBy(1.4)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => zoomBy(1 / 1.4)} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={fit}>
            Fit
          </button>
          <button type="button" onClick={reset}>
            Reset
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
      <div className="nums-tree-box" ref={wrapRef}>
        {width > 0 && (
          <svg
            ref={svgRef}
            className="nums-dendrogram"
            data-testid="dendrogram"
            data-leaves={layout.visibleLeaves}
            width={width}
            height={boxHeight}
            role="img"
            aria-label={`Language tree of ${root.leafNames.length} languages`}
          >
            <g transform={transform.toString()}>
              <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
                {nodes.slice(1).map((node) => (
                  <path key={`link-${node.data.id}`} className={onPath.has(node.data.id) ? "link on-path" : "link"} d={elbow(node)} />
                ))}
                {nodes.map((node) => (
                  <TreeNode
                    key={node.data.id}
                    node={node}
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
    </section>
  );
}

/** A right-angled link from the parent's branch point to the node. */
function elbow(node: HierarchyPointNode<IndexedNode>): string {
  const parent = node.parent!;
  return `M${parent.y},${parent.x}V${node.x}H${node.y}`;
}

function TreeNode(props: {
  node: HierarchyPointNode<IndexedNode>;
  folded: boolean;
  onPath: boolean;
  match: boolean;
  onToggle: (id: number) => void;
  onSelect: (name: string) => void;
}) {
  const { node, folded, onPath, match } = props;
  const { data } = node;
  const isLanguage = data.name !== undefined && !data.children;
  const state = `${onPath ? " on-path" : ""}${match ? " match" : ""}`;
  if (isLanguage) {
    return (
      <g className={`leaf${state}`} data-name={data.name} transform={`translate(${node.y},${node.x})`} onClick={() => props.onSelect(data.name!)}>
        <circle r={3} />
        <text x={7} dy="0.32em">
          {data.name}
        </text>
      </g>
    );
  }
  const label = `${data.leafNames.length} languages`;
  return (
    <g
      className={`inner${folded ? " collapsed" : ""}${state}`}
      data-id={data.id}
      transform={`translate(${node.y},${node.x})`}
      onClick={() => props.onToggle(data.id)}
      role="button"
      aria-label={`${folded ? "Unfold" : "Fold"} the branch of ${label}`}
      aria-expanded={!folded}
    >
      <circle className="hit" r={9} />
      <circle r={folded ? 5 : 3.5} />
      {folded && (
        <text x={9} dy="0.32em">
          {label} ({data.leafNames[0]}…)
        </text>
      )}
    </g>
  );
}
