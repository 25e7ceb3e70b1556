from shops.choices import ListingSource, PaymentMethod, SpokenLanguage, Wheelchair
from shops.models.categories import Category, Family
from shops.models.pages import Offer, Product, ShopClosure, ShopPage, ShopPhoto
from shops.models.requests import QuoteRequest

__all__ = [
    "Category",
    "Family",
    "ListingSource",
    "Offer",
    "PaymentMethod",
    "Product",
    "QuoteRequest",
    "ShopClosure",
    "ShopPage",
    "ShopPhoto",
    "SpokenLanguage",
    "Wheelchair",
]
