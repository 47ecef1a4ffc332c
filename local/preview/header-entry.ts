// Browser entry for pages that only need the header (the index page).
import { wireAccountSwitcher } from './header';

wireAccountSwitcher();
