// OpenYJ's JavaScript entry point, bundled by esbuild into
// openyj/static/openyj/openyj.js and loaded with <script type="module">.
//
// GOV.UK Frontend's initAll() starts every GOV.UK component found by its
// data-module attribute (error summary, notification banner, radios and
// checkboxes with conditional reveals, service navigation menu, tabs...).
// MOJ Frontend components are started the same way, by data-module:
//   data-module="moj-sortable-table"   SortableTable
//   data-module="moj-filter"           FilterToggleButton (filter layout)
//   data-module="moj-button-menu"      ButtonMenu
//   data-module="moj-multi-select"     MultiSelect (select all rows)
//   data-module="moj-add-another"      AddAnother
// data-module="openyj-timeout-warning" is OpenYJ's idle time-out warning
// (timeout-warning.mjs).
// MOJ's own initAll() is not used: it would also pull in components OpenYJ
// does not use (date picker, rich text editor, probation header...).

import { createAll, initAll } from 'govuk-frontend'
import {
  AddAnother,
  ButtonMenu,
  FilterToggleButton,
  MultiSelect,
  SortableTable
} from '@ministryofjustice/frontend'

import { initTimeoutWarning } from './timeout-warning.mjs'

initAll()

for (const Component of [
  AddAnother,
  ButtonMenu,
  FilterToggleButton,
  MultiSelect,
  SortableTable
]) {
  createAll(Component)
}

// OpenYJ's own: the idle time-out warning for signed-in users.
initTimeoutWarning()
