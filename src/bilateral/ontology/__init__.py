"""Event ontologies: CAMEO codes with Goldstein weights, quad/penta classes and PLOVER types."""
from bilateral.ontology.cameo import (
    PROFILES,
    CameoCode,
    cameo_table,
    goldstein,
    is_known,
    lookup,
    normalise_code,
    ontology_frame,
    penta_class,
    plover,
    quad_class,
    root,
)

__all__ = [
    "PROFILES",
    "CameoCode",
    "cameo_table",
    "goldstein",
    "is_known",
    "lookup",
    "normalise_code",
    "ontology_frame",
    "penta_class",
    "plover",
    "quad_class",
    "root",
]
