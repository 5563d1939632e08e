import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
// The NL Design System components' CSS, once for the whole app; the theme's tokens give it its look.
import '@utrecht/component-library-css'
import '@nl-design-system-candidate/button-css/button.css'
import '@nl-design-system-candidate/heading-css/heading.css'
import '@nl-design-system-candidate/paragraph-css/paragraph.css'
import '@nl-design-system-candidate/skip-link-css/skip-link.css'
import './styles/theme.css'
import './styles/app.css'

const container = document.getElementById('root')
if (container === null) {
  throw new Error('index.html has no #root element')
}
// The theme's tokens apply under this class (styles/theme.css); a municipality's theme may add its own.
document.documentElement.classList.add('kcc-theme')

createRoot(container).render(
  <StrictMode>
    <App bridge={window.kcc} />
  </StrictMode>,
)
