import { createRoot } from 'react-dom/client';
import { Popup } from '@/components/popup/Popup';

createRoot(document.getElementById('root')!).render(<Popup />);
