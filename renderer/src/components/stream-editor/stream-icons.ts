import { icon } from '../icons';

// Two more outline icons in the style of components/icons.ts (24×24, after Material Symbols,
// Apache-2.0), for the streams page.

export const AddIcon = icon('M11 13H5v-2h6V5h2v6h6v2h-6v6h-2v-6Z');
export const EditIcon = icon(
  'M5 19h1.425L16.2 9.225 14.775 7.8 5 17.575V19Zm-2 2v-4.25L16.2 3.575q.3-.275.663-.425.362-.15.762-.15t.775.15q.375.15.65.45L20.425 5q.3.275.438.65T21 6.4q0 .4-.137.763-.138.362-.438.662L7.25 21H3ZM19 6.4 17.6 5 19 6.4Zm-3.525 2.125-.7-.725L16.2 9.225l-.725-.7Z',
);
