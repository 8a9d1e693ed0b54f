import { h, type FunctionalComponent } from 'vue';

// A few outline icons (24×24, paths after Material Symbols, Apache-2.0) for NIcon, so that the
// UI needs no icon package.
function icon(...paths: string[]): FunctionalComponent {
  const component: FunctionalComponent = () =>
    h(
      'svg',
      { xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 24 24', fill: 'currentColor' },
      paths.map((d) => h('path', { d })),
    );
  return component;
}

export const DashboardIcon = icon(
  'M13 9V3h8v6h-8ZM3 13V3h8v10H3Zm10 8V11h8v10h-8ZM3 21v-6h8v6H3Zm2-10h4V5H5v6Zm10 8h4v-6h-4v6Zm0-12h4V5h-4v2ZM5 19h4v-2H5v2Z',
);
export const RadioIcon = icon(
  'M4 22q-.825 0-1.413-.588T2 20V8q0-.65.363-1.163T3.3 6.125L16.75.5l.7 1.65L8.3 6H20q.825 0 1.413.588T22 8v12q0 .825-.588 1.413T20 22H4Zm0-2h16v-6H4v6Zm4-1q1.05 0 1.775-.725T10.5 16.5q0-1.05-.725-1.775T8 14q-1.05 0-1.775.725T5.5 16.5q0 1.05.725 1.775T8 19ZM4 12h12v-2h2v2h2V8H4v4Z',
);
export const MenuIcon = icon('M3 18v-2h18v2H3Zm0-5v-2h18v2H3Zm0-5V6h18v2H3Z');
export const LogoutIcon = icon(
  'M5 21q-.825 0-1.413-.588T3 19V5q0-.825.588-1.413T5 3h7v2H5v14h7v2H5Zm11-4-1.375-1.45 2.55-2.55H9v-2h8.175l-2.55-2.55L16 7l5 5-5 5Z',
);
export const ThemeIcon = icon(
  'M12 22q-2.075 0-3.9-.788t-3.175-2.137q-1.35-1.35-2.137-3.175T2 12q0-2.075.788-3.9t2.137-3.175Q6.275 3.575 8.1 2.787T12 2q2.075 0 3.9.788t3.175 2.137q1.35 1.35 2.138 3.175T22 12q0 2.075-.788 3.9t-2.137 3.175q-1.35 1.35-3.175 2.138T12 22Zm1-2.075q2.975-.375 4.988-2.613T20 12q0-3.075-2.013-5.313T13 4.075v15.85Z',
);
export const RecordIcon = icon(
  'M12 17q2.075 0 3.538-1.463T17 12q0-2.075-1.463-3.538T12 7Q9.925 7 8.462 8.463T7 12q0 2.075 1.463 3.538T12 17Zm0 5q-2.075 0-3.9-.788t-3.175-2.137q-1.35-1.35-2.137-3.175T2 12q0-2.075.788-3.9t2.137-3.175Q6.275 3.575 8.1 2.787T12 2q2.075 0 3.9.788t3.175 2.137q1.35 1.35 2.138 3.175T22 12q0 2.075-.788 3.9t-2.137 3.175q-1.35 1.35-3.175 2.138T12 22Zm0-2q3.35 0 5.675-2.325T20 12q0-3.35-2.325-5.675T12 4Q8.65 4 6.325 6.325T4 12q0 3.35 2.325 5.675T12 20Z',
);
export const StopIcon = icon('M6 18V6h12v12H6Zm2-2h8V8H8v8Z');
