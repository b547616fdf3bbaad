import { createRoot } from 'react-dom/client';
import { ReviewApp } from '../../components/review/ReviewApp';
import './style.css';

// Measured from the start of this script: what the benchmark reports as "open".
const startedAt = performance.now();
createRoot(document.getElementById('root')!).render(<ReviewApp startedAt={startedAt} />);
