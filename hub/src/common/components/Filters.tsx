/**
 * The filter bar (azure-devops-ui FilterBar): keyword, landing zone, status, service and who recovers.
 * The `Filter` store lives in the page so the filters survive switching tabs and drilling down.
 */
import * as React from 'react';
import { DropdownFilterBarItem } from 'azure-devops-ui/Dropdown';
import { FilterBar } from 'azure-devops-ui/FilterBar';
import { ListBoxItemType, type IListBoxItem } from 'azure-devops-ui/ListBox';
import { KeywordFilterBarItem } from 'azure-devops-ui/TextFilterBarItem';
import { DropdownMultiSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { Filter, FILTER_CHANGE_EVENT, type IFilterState } from 'azure-devops-ui/Utilities/Filter';
import { NO_FILTERS, STATUS_LABEL, type Facets, type Filters } from '../model';

export function readFilters(state: IFilterState): Filters {
  const list = (key: string) => (Array.isArray(state[key]?.value) ? (state[key]!.value as string[]) : []);
  return {
    keyword: typeof state.keyword?.value === 'string' ? state.keyword.value : '',
    landingZones: list('landingZones'),
    statuses: list('statuses'),
    services: list('services'),
    responsibilities: list('responsibilities'),
  };
}

/** The page's filter store and its current value as `Filters`. */
export function useFilters(): [Filter, Filters] {
  const filter = React.useMemo(() => new Filter(), []);
  const [value, setValue] = React.useState<Filters>(NO_FILTERS);
  React.useEffect(() => {
    const onChange = () => setValue(readFilters(filter.getState()));
    filter.subscribe(onChange, FILTER_CHANGE_EVENT);
    return () => filter.unsubscribe(onChange, FILTER_CHANGE_EVENT);
  }, [filter]);
  return [filter, value];
}

const STATUS_ITEMS: IListBoxItem[] = [
  { id: 'fail', text: STATUS_LABEL.fail },
  { id: 'unknown', text: STATUS_LABEL.unknown },
  { id: 'regressed', text: 'Regressed since the previous run' },
  { id: 'suppressed', text: STATUS_LABEL.suppressed },
  { id: 'pass', text: STATUS_LABEL.pass },
];

export function PostureFilterBar(props: { filter: Filter; facets: Facets }) {
  const { filter, facets } = props;
  const zones = React.useMemo<IListBoxItem[]>(() => facets.landingZones.map((z) => ({ id: z, text: z })), [facets]);
  const services = React.useMemo<IListBoxItem[]>(() => facets.services.map((s) => ({ id: s.id, text: `${s.label} (${s.count})` })), [facets]);
  const who = React.useMemo<IListBoxItem[]>(
    () => [
      { id: 'h-component', text: 'Component recovered by', type: ListBoxItemType.Header },
      ...facets.components.map((c) => ({ id: `component:${c}`, text: c })),
      { id: 'h-workload', text: 'Workload and configuration recovered by', type: ListBoxItemType.Header },
      ...facets.workloads.map((w) => ({ id: `workload:${w}`, text: w })),
    ],
    [facets],
  );
  // Dropdown items are read when the item mounts: remount (with fresh selections) when the facets change.
  const key = `${zones.map((z) => z.id).join(',')}|${services.map((s) => s.id).join(',')}|${who.map((w) => w.id).join(',')}`;
  const selections = React.useMemo(() => ({ zones: new DropdownMultiSelection(), statuses: new DropdownMultiSelection(), services: new DropdownMultiSelection(), who: new DropdownMultiSelection() }), [key]);
  return (
    <FilterBar filter={filter} className="drcheck-filterbar" key={key}>
      <KeywordFilterBarItem filterItemKey="keyword" placeholder="Filter by landing zone, subscription, resource, service or file" throttleWait={200} className="drcheck-keyword" />
      <DropdownFilterBarItem filterItemKey="landingZones" filter={filter} items={zones} selection={selections.zones} placeholder="Landing zone" showFilterBox={zones.length > 8} className="drcheck-filter-lz" />
      <DropdownFilterBarItem filterItemKey="statuses" filter={filter} items={STATUS_ITEMS} selection={selections.statuses} placeholder="Status" className="drcheck-filter-status" />
      <DropdownFilterBarItem filterItemKey="services" filter={filter} items={services} selection={selections.services} placeholder="Service" showFilterBox={services.length > 8} className="drcheck-filter-service" />
      <DropdownFilterBarItem filterItemKey="responsibilities" filter={filter} items={who} selection={selections.who} placeholder="Recovered by" className="drcheck-filter-who" />
    </FilterBar>
  );
}
